package ai.platform.lineage.tracking;

import ai.platform.lineage.nodes.NodeRef;
import jakarta.validation.Valid;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PATCH /api/v2/lineage/runs/{run_id}}: every field optional. */
@Schema(name = "RunUpdate")
public record RunUpdate(
        RunStatus status,
        @Schema(description = "Now, when the status becomes terminal without one") OffsetDateTime endTime,
        @Schema(description = "Merged into the run's metadata") Map<String, Object> metadata,
        @Schema(description = "More outputs the run produced") List<@Valid NodeRef> outputs) {
}

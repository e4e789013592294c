package ai.platform.featurestore.materialization;

import jakarta.validation.constraints.NotBlank;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/feature-store/materialize}. */
@Schema(name = "MaterializeRequest")
public record MaterializeRequest(
        @Schema(description = "The group, by name or id") @NotBlank String featureGroup,
        @Schema(description = "With end_time (or alone): materialize the events from this time on, inclusive."
                + " Without either: incrementally, what was ingested since the last incremental run")
        OffsetDateTime startTime,
        @Schema(description = "Materialize the events up to this time, inclusive") OffsetDateTime endTime) {
}

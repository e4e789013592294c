package ai.platform.registry.versioning;

import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PATCH /api/v2/models/{name}/versions/{version}}: every field optional. */
@Schema(name = "ModelVersionUpdate")
public record VersionUpdate(
        @Schema(description = "pending -> ready or failed; ready -> archived") VersionStatus status,
        @Size(max = 4000) String description,
        @Schema(description = "Merged into the version's metadata") Map<String, Object> metadata,
        @Schema(description = "Merged into the version's tags")
        Map<@Size(max = 255) String, @Size(max = 5000) String> tags) {
}

package ai.platform.registry.stages;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /api/v2/models/{name}/versions/{version}/stage}. */
@Schema(name = "StageTransitionRequest")
public record StageRequest(
        @NotNull Stage stage,
        @Size(max = 4000) String comment,
        @Schema(description = "Archive the versions that are in the target stage now")
        Boolean archiveExistingVersions) {
}

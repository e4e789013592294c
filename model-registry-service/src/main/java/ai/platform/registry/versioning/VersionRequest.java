package ai.platform.registry.versioning;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/models/{name}/versions}. */
@Schema(name = "ModelVersionRequest")
public record VersionRequest(
        @Schema(description = "Where the model's files are (s3://..., runs:/..., or this registry's own storage)")
        @NotBlank @Size(max = 2000) String modelUri,
        @Size(max = 255) String runId,
        @Size(max = 4000) String description,
        Map<String, Object> metadata,
        @Schema(description = "String values; searchable") Map<@Size(max = 255) String, @Size(max = 5000) String> tags,
        @Schema(description = "Datasets the model was trained on, by their OpenLineage full name "
                + "(e.g. s3://lake/features/churn); reported to lineage")
        List<@NotBlank @Size(max = 1000) String> trainingDatasets,
        @Schema(description = "The version of this model it was derived from (fine-tuned, retrained)")
        @Positive Integer parentVersion,
        @Schema(description = "True when files will be uploaded to the registry: the version stays pending until "
                + "they are complete. Otherwise the version is ready at once.")
        Boolean awaitUpload) {
}

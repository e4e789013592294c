package ai.platform.registry.mlflow;

import ai.platform.registry.models.ModelNames;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request and response bodies of MLflow's model registry API, named and shaped as the messages of MLflow's
 * {@code model_registry.proto} (snake_case in JSON, version numbers as strings).
 */
public final class MlflowMessages {

    /** The body of MLflow's answers that carry nothing: {@code {}}. */
    static final Map<String, Object> EMPTY = Map.of();

    private MlflowMessages() {
    }

    @Schema(name = "MlflowCreateRegisteredModel")
    public record CreateRegisteredModel(
            @NotBlank @Size(max = ModelNames.MAX_LENGTH) @Pattern(regexp = ModelNames.PATTERN,
                    message = ModelNames.MESSAGE) String name,
            List<@Valid @NotNull MlflowTag> tags,
            @Size(max = 4000) String description) {
    }

    @Schema(name = "MlflowRenameRegisteredModel")
    public record RenameRegisteredModel(
            @NotBlank String name,
            @NotBlank @Size(max = ModelNames.MAX_LENGTH) @Pattern(regexp = ModelNames.PATTERN,
                    message = ModelNames.MESSAGE) String newName) {
    }

    @Schema(name = "MlflowUpdateRegisteredModel")
    public record UpdateRegisteredModel(@NotBlank String name, @Size(max = 4000) String description) {
    }

    @Schema(name = "MlflowDeleteRegisteredModel")
    public record DeleteRegisteredModel(@NotBlank String name) {
    }

    @Schema(name = "MlflowGetLatestVersions")
    public record GetLatestVersions(@NotBlank String name,
            @Schema(description = "None, Staging, Production, Archived; all stages when absent") List<String> stages) {
    }

    @Schema(name = "MlflowSetRegisteredModelTag")
    public record SetRegisteredModelTag(@NotBlank String name, @NotBlank @Size(max = 250) String key,
            @NotNull @Size(max = 5000) String value) {
    }

    @Schema(name = "MlflowDeleteRegisteredModelTag")
    public record DeleteRegisteredModelTag(@NotBlank String name, @NotBlank String key) {
    }

    @Schema(name = "MlflowCreateModelVersion")
    public record CreateModelVersion(
            @NotBlank String name,
            @Schema(description = "Where the model's files are (runs:/..., s3://...)")
            @NotBlank @Size(max = 2000) String source,
            @Size(max = 255) String runId,
            List<@Valid @NotNull MlflowTag> tags,
            @Size(max = 2000) String runLink,
            @Size(max = 4000) String description) {
    }

    @Schema(name = "MlflowUpdateModelVersion")
    public record UpdateModelVersion(@NotBlank String name, @NotBlank String version,
            @Size(max = 4000) String description) {
    }

    @Schema(name = "MlflowDeleteModelVersion")
    public record DeleteModelVersion(@NotBlank String name, @NotBlank String version) {
    }

    @Schema(name = "MlflowTransitionModelVersionStage")
    public record TransitionModelVersionStage(@NotBlank String name, @NotBlank String version,
            @Schema(description = "None, Staging, Production or Archived (any case)") @NotBlank String stage,
            @Schema(description = "Archive the versions in the target stage now") Boolean archiveExistingVersions) {
    }

    @Schema(name = "MlflowSetModelVersionTag")
    public record SetModelVersionTag(@NotBlank String name, @NotBlank String version,
            @NotBlank @Size(max = 250) String key, @NotNull @Size(max = 5000) String value) {
    }

    @Schema(name = "MlflowDeleteModelVersionTag")
    public record DeleteModelVersionTag(@NotBlank String name, @NotBlank String version, @NotBlank String key) {
    }

    @Schema(name = "MlflowSetRegisteredModelAlias")
    public record SetRegisteredModelAlias(@NotBlank String name, @NotBlank String alias, @NotBlank String version) {
    }

    @Schema(name = "MlflowDeleteRegisteredModelAlias")
    public record DeleteRegisteredModelAlias(@NotBlank String name, @NotBlank String alias) {
    }

    @Schema(name = "MlflowRegisteredModelResponse")
    public record RegisteredModelResponse(MlflowRegisteredModel registeredModel) {
    }

    @Schema(name = "MlflowSearchRegisteredModelsResponse")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegisteredModelsPage(List<MlflowRegisteredModel> registeredModels, String nextPageToken) {
    }

    @Schema(name = "MlflowModelVersionResponse")
    public record ModelVersionResponse(MlflowModelVersion modelVersion) {
    }

    @Schema(name = "MlflowModelVersionsResponse")
    public record ModelVersionsResponse(List<MlflowModelVersion> modelVersions) {
    }

    @Schema(name = "MlflowSearchModelVersionsResponse")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelVersionsPage(List<MlflowModelVersion> modelVersions, String nextPageToken) {
    }

    @Schema(name = "MlflowGetModelVersionDownloadUriResponse")
    public record DownloadUri(String artifactUri) {
    }
}

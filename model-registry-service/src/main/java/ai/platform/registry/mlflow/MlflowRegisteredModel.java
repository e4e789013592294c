package ai.platform.registry.mlflow;

import ai.platform.registry.models.ModelView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A registered model as MLflow's REST API shows it ({@code RegisteredModel} in MLflow's
 * {@code model_registry.proto}): with the newest ready version of each stage, its tags and its aliases.
 */
@Schema(name = "MlflowRegisteredModel")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MlflowRegisteredModel(String name, Long creationTimestamp, Long lastUpdatedTimestamp, String userId,
        String description, List<MlflowModelVersion> latestVersions, List<MlflowTag> tags,
        List<Alias> aliases) {

    /** An alias of the model and the version number (a string, as MLflow has it) it points at. */
    @Schema(name = "MlflowRegisteredModelAlias")
    public record Alias(String alias, String version) {
    }

    static MlflowRegisteredModel of(ModelView model, List<MlflowModelVersion> latest, List<Alias> aliases) {
        return new MlflowRegisteredModel(model.name(), MlflowModelVersion.millis(model.createdAt()),
                MlflowModelVersion.millis(model.updatedAt()), model.createdBy(), model.description(), latest,
                MlflowTag.list(model.tags()), aliases);
    }
}

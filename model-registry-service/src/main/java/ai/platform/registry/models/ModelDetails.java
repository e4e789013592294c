package ai.platform.registry.models;

import ai.platform.registry.versioning.ModelVersion;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered model with the newest ready version of each stage (and their aliases). */
@Schema(name = "RegisteredModelDetails")
public record ModelDetails(UUID id, String name, String description, String project, Map<String, Object> tags,
        String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<ModelVersion> latestVersions) {

    static ModelDetails of(ModelView model, List<ModelVersion> latest) {
        return new ModelDetails(model.id(), model.name(), model.description(), model.project(), model.tags(),
                model.createdBy(), model.createdAt(), model.updatedAt(), latest);
    }
}

package ai.platform.registry.models;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered model as the API shows it. */
@Schema(name = "RegisteredModel")
public record ModelView(UUID id, String name, String description, String project, String createdBy,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static ModelView of(RegisteredModel model) {
        return new ModelView(model.id, model.name, model.description, model.project, model.createdBy,
                model.createdAt, model.updatedAt);
    }
}

package ai.platform.registry.models;

import java.time.OffsetDateTime;
import io.vertx.mutiny.sqlclient.Row;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered model as the API shows it. */
@Schema(name = "RegisteredModel")
public record ModelView(UUID id, String name, String description, String project, Map<String, Object> tags,
        String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static final String COLUMNS = "id, name, description, project, tags, created_by, created_at, updated_at";

    static ModelView of(RegisteredModel model) {
        return new ModelView(model.id, model.name, model.description, model.project,
                model.tags == null ? Map.of() : model.tags, model.createdBy, model.createdAt, model.updatedAt);
    }

    static ModelView from(Row row) {
        return new ModelView(row.getUUID("id"), row.getString("name"), row.getString("description"),
                row.getString("project"), row.getJsonObject("tags").getMap(), row.getString("created_by"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}

package ai.platform.registry.models;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered model as the API shows it. */
@Schema(name = "RegisteredModel")
public record ModelView(UUID id, String name, String description, String project, Map<String, Object> tags,
        String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The columns {@link #from} reads, unqualified. */
    public static final String COLUMNS = "id, name, description, project, tags, created_by, created_at, updated_at";

    public static ModelView from(Row row) {
        return new ModelView(row.getUUID("id"), row.getString("name"), row.getString("description"),
                row.getString("project"), row.getJsonObject("tags").getMap(), row.getString("created_by"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}

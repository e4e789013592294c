package ai.platform.lineage.edges;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An edge of the lineage graph: {@code source} flows into {@code target}; ids are the nodes' {@code id}s. */
@Schema(name = "LineageEdge")
public record Edge(UUID id, UUID source, UUID target, String edgeType, Map<String, Object> metadata,
        String createdBy, OffsetDateTime createdAt, OffsetDateTime deletedAt) {

    public static final String COLUMNS =
            "id, source_node_id, target_node_id, edge_type, metadata, created_by, created_at, deleted_at";

    public static Edge from(Row row) {
        JsonObject metadata = row.getJsonObject("metadata");
        return new Edge(row.getUUID("id"), row.getUUID("source_node_id"), row.getUUID("target_node_id"),
                row.getString("edge_type"), metadata == null ? Map.of() : metadata.getMap(),
                row.getString("created_by"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("deleted_at"));
    }
}

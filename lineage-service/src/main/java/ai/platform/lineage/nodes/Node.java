package ai.platform.lineage.nodes;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A node of the lineage graph, identified by (node_type, node_id). */
@Schema(name = "LineageNode")
public record Node(UUID id, String nodeType, String nodeId, String name, Map<String, Object> metadata,
        OffsetDateTime createdAt) {

    public static final String COLUMNS = "id, node_type, node_id, name, metadata, created_at";

    public NodeRef ref() {
        return new NodeRef(nodeType, nodeId);
    }

    public static Node from(Row row) {
        JsonObject metadata = row.getJsonObject("metadata");
        return new Node(row.getUUID("id"), row.getString("node_type"), row.getString("node_id"),
                row.getString("name"), metadata == null ? Map.of() : metadata.getMap(),
                row.getOffsetDateTime("created_at"));
    }
}

package ai.platform.lineage.nodes;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A node of the lineage graph, identified by (node_type, node_id). {@code metadata} is the JSON text PostgreSQL
 * returns for the stored JSONB, passed to answers as it is: only clients read it, so parsing it into maps and
 * writing them out again would be work for nothing (a lineage query answers thousands of nodes).
 */
@Schema(name = "LineageNode")
public record Node(UUID id, String nodeType, String nodeId, String name,
        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "Free-form JSON object") String metadata,
        OffsetDateTime createdAt) {

    public static final String COLUMNS = "id, node_type, node_id, name, metadata::text AS metadata, created_at";

    public NodeRef ref() {
        return new NodeRef(nodeType, nodeId);
    }

    /** From a row that starts with {@link #COLUMNS}; read by position, since by name is a search per value. */
    public static Node from(Row row) {
        String metadata = row.getString(4);
        return new Node(row.getUUID(0), row.getString(1), row.getString(2), row.getString(3),
                metadata == null ? "{}" : metadata, row.getOffsetDateTime(5));
    }
}

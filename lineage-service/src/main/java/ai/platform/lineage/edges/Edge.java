package ai.platform.lineage.edges;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An edge of the lineage graph: {@code source} flows into {@code target}; ids are the nodes' {@code id}s.
 * {@code metadata} is the stored JSON's text, passed through as it is (see {@code Node}).
 */
@Schema(name = "LineageEdge")
public record Edge(UUID id, UUID source, UUID target, String edgeType,
        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "Free-form JSON object") String metadata,
        String createdBy, OffsetDateTime createdAt, OffsetDateTime deletedAt) {

    public static final String COLUMNS = "id, source_node_id, target_node_id, edge_type, metadata::text AS metadata,"
            + " created_by, created_at, deleted_at";

    /** From a row that starts with {@link #COLUMNS}; read by position (a lineage walk reads thousands). */
    public static Edge from(Row row) {
        String metadata = row.getString(4);
        return new Edge(row.getUUID(0), row.getUUID(1), row.getUUID(2), row.getString(3),
                metadata == null ? "{}" : metadata, row.getString(5), row.getOffsetDateTime(6),
                row.getOffsetDateTime(7));
    }
}

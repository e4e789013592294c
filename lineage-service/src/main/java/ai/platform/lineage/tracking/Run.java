package ai.platform.lineage.tracking;

import ai.platform.lineage.nodes.Node;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run with what it read and what it produced. */
@Schema(name = "Run")
public record Run(String runId, String job, UUID experimentId, RunStatus status, OffsetDateTime startTime,
        OffsetDateTime endTime, Map<String, Object> metadata, UUID nodeId, List<Node> inputs, List<Node> outputs,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static final String COLUMNS =
            "run_id, job, experiment_id, status, start_time, end_time, metadata, node_id, created_at, updated_at";

    static Run from(Row row) {
        JsonObject metadata = row.getJsonObject("metadata");
        return new Run(row.getString("run_id"), row.getString("job"), row.getUUID("experiment_id"),
                RunStatus.of(row.getString("status")), row.getOffsetDateTime("start_time"),
                row.getOffsetDateTime("end_time"), metadata == null ? Map.of() : metadata.getMap(),
                row.getUUID("node_id"), List.of(), List.of(), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }

    Run with(List<Node> inputs, List<Node> outputs) {
        return new Run(runId, job, experimentId, status, startTime, endTime, metadata, nodeId, inputs, outputs,
                createdAt, updatedAt);
    }
}

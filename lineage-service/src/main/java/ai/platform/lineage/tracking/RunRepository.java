package ai.platform.lineage.tracking;

import ai.platform.lineage.nodes.Node;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Runs in {@code lineage.execution_runs}; their inputs and outputs are the edges of their node. */
@ApplicationScoped
public class RunRepository {

    private static final String TERMINAL = "('completed', 'failed', 'aborted')";

    private final Pool pool;

    public RunRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a new run; empty when a run with that id exists already. */
    public Uni<Optional<Run>> insert(RunRequest request, String job, UUID nodeId, RunStatus status) {
        return pool.preparedQuery("INSERT INTO execution_runs"
                        + " (run_id, job, experiment_id, status, start_time, end_time, metadata, node_id)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (run_id) DO NOTHING"
                        + " RETURNING " + Run.COLUMNS)
                .execute(Tuple.from(new Object[] {request.runId(), job, request.experimentId(), status.toString(),
                        request.startTime(), request.endTime(), json(request.metadata()), nodeId}))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Run.from(rows.iterator().next())));
    }

    public Uni<Void> delete(String runId) {
        return pool.preparedQuery("DELETE FROM execution_runs WHERE run_id = $1").execute(Tuple.of(runId))
                .replaceWithVoid();
    }

    public Uni<Optional<Run>> find(String runId) {
        return pool.preparedQuery("SELECT " + Run.COLUMNS + " FROM execution_runs WHERE run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Run.from(rows.iterator().next())));
    }

    /**
     * Changes status, end time and metadata in one statement that refuses to move a run out of a terminal
     * status, so two racing updates cannot both end it differently. Empty when the run is missing or the
     * transition is refused (the caller tells which apart).
     */
    public Uni<Optional<Run>> update(String runId, RunStatus status, OffsetDateTime endTime,
            Map<String, Object> metadata) {
        return pool.preparedQuery("UPDATE execution_runs SET"
                        + " status = COALESCE($2, status),"
                        + " end_time = COALESCE($3, end_time, CASE WHEN $2 IN " + TERMINAL + " THEN now() END),"
                        + " metadata = COALESCE(metadata, '{}'::jsonb) || COALESCE($4, '{}'::jsonb),"
                        + " updated_at = now()"
                        + " WHERE run_id = $1 AND ($2::text IS NULL OR status = $2 OR status NOT IN " + TERMINAL + ")"
                        + " RETURNING " + Run.COLUMNS)
                .execute(Tuple.of(runId, status == null ? null : status.toString(), endTime, json(metadata)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Run.from(rows.iterator().next())));
    }

    /** The live data-flow neighbours of a run's node: what it read and what it wrote. */
    public Uni<Run> withInputsAndOutputs(Run run) {
        if (run.nodeId() == null) {
            return Uni.createFrom().item(run);
        }
        return pool.preparedQuery("SELECT " + prefixed() + ", 'in' AS side FROM lineage_edges e"
                        + " JOIN lineage_nodes n ON n.id = e.source_node_id"
                        + " WHERE e.target_node_id = $1 AND e.edge_type = 'data_flow' AND e.deleted_at IS NULL"
                        + " UNION ALL SELECT " + prefixed() + ", 'out' FROM lineage_edges e"
                        + " JOIN lineage_nodes n ON n.id = e.target_node_id"
                        + " WHERE e.source_node_id = $1 AND e.edge_type = 'data_flow' AND e.deleted_at IS NULL")
                .execute(Tuple.of(run.nodeId()))
                .map(rows -> {
                    List<Node> inputs = new ArrayList<>();
                    List<Node> outputs = new ArrayList<>();
                    for (Row row : rows) {
                        ("in".equals(row.getString("side")) ? inputs : outputs).add(Node.from(row));
                    }
                    return run.with(inputs, outputs);
                });
    }

    private static String prefixed() {
        return "n." + Node.COLUMNS.replace(", ", ", n.");
    }

    static JsonObject json(Map<String, Object> map) {
        return map == null ? null : new JsonObject(map);
    }
}

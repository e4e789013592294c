package ai.platform.lineage.edges;

import ai.platform.lineage.nodes.NodeRef;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Adds edges while keeping the graph a DAG. Each batch runs in one SERIALIZABLE transaction: the cycle check
 * reads the edges around the new one, so PostgreSQL's serializable snapshot isolation aborts one of two
 * transactions whose edges would together close a cycle (a -> b and b -> a at once), and the retry then sees
 * the other's edge and refuses. Edges that exist already are returned as they are (idempotent). A refused edge's
 * cycle is named (node types and ids) inside that transaction, so that nothing left to do after COMMIT can fail a
 * write that was stored.
 */
@ApplicationScoped
public class EdgeWriter {

    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 20;

    private final Pool pool;

    public EdgeWriter(Pool pool) {
        this.pool = pool;
    }

    /** One outcome per requested edge, in order. Refused edges are not written; the others are. */
    public Uni<List<EdgeOutcome>> add(List<NewEdge> edges, String createdBy) {
        return pool.withConnection(connection -> add(connection, edges, createdBy, false, Optional.empty()));
    }

    /**
     * One SQL statement to store in the same transaction as the edges, so that both are stored or neither. A
     * statement and not a function of the connection, because the writer sends it with the edges' insert and the
     * COMMIT at once, without waiting for answers: a second statement sent once the first had answered would run
     * after the COMMIT, outside the transaction. It must be safe to run again: a retried transaction runs it again.
     */
    public record Statement(String sql, Tuple args) {
    }

    /**
     * As {@link #add(List, String)}, on the given connection (outside any transaction), with {@code alongside}
     * stored in the same transaction as the edges. The result fails only if nothing of the transaction was stored.
     */
    public Uni<List<EdgeOutcome>> add(SqlConnection connection, List<NewEdge> edges, String createdBy,
            Optional<Statement> alongside) {
        return add(connection, edges, createdBy, false, alongside);
    }

    /**
     * All the edges or none: when one would close a cycle, nothing is written and the result fails with
     * {@link CycleRefused} naming it.
     */
    public Uni<List<EdgeOutcome>> addAll(List<NewEdge> edges, String createdBy) {
        return pool.withConnection(connection -> add(connection, edges, createdBy, true, Optional.empty()));
    }

    private Uni<List<EdgeOutcome>> add(SqlConnection connection, List<NewEdge> edges, String createdBy,
            boolean allOrNothing, Optional<Statement> alongside) {
        if (edges.isEmpty()) {
            return run(connection, alongside).replaceWith(List.of());
        }
        return inTransaction(connection, edges, createdBy, allOrNothing, alongside)
                .onFailure(EdgeWriter::isRetryable)
                .retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(250)).withJitter(0.5)
                .atMost(ATTEMPTS)
                // Still conflicting after every attempt: the graph is too busy right now, which the client
                // can retry; nothing of this batch was written.
                .onFailure(EdgeWriter::isRetryable).transform(e -> ProblemException.unavailable(
                        "Too many concurrent changes to the same part of the graph; nothing was written, retry"));
    }

    /**
     * One SERIALIZABLE transaction, its statements pipelined where one does not need another's answer: BEGIN goes
     * out with the first reads, the insert with {@code alongside} and COMMIT. A connection runs commands in the
     * order they are sent, and a COMMIT after a failed statement only rolls back, so this saves round trips
     * without changing what is written.
     */
    private Uni<List<EdgeOutcome>> inTransaction(SqlConnection connection, List<NewEdge> edges, String createdBy,
            boolean allOrNothing, Optional<Statement> alongside) {
        Uni<Boolean> begin = connection.query("BEGIN ISOLATION LEVEL SERIALIZABLE").execute().replaceWith(true);
        return Uni.combine().all().unis(begin, existing(connection, edges), endpointsWithEdges(connection, edges))
                .asTuple()
                .flatMap(reads -> addIn(connection, edges, createdBy, allOrNothing, alongside, reads.getItem2(),
                        reads.getItem3()))
                // Whatever failed (a serialization failure, a refused cycle), the connection goes back to the pool
                // or into the next attempt with no transaction open.
                .onFailure().call(() -> connection.query("ROLLBACK").execute().onFailure().recoverWithNull());
    }

    private Uni<List<EdgeOutcome>> addIn(SqlConnection connection, List<NewEdge> edges, String createdBy,
            boolean allOrNothing, Optional<Statement> alongside, Map<String, Edge> existing, Endpoints ends) {
        List<Decision> decisions = new ArrayList<>(edges.size());
        List<NewEdge> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        CycleDetector detector = new CycleDetector(connection, accepted);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (NewEdge edge : edges) {
            chain = chain.flatMap(v -> {
                Edge stored = existing.get(key(edge));
                if (stored != null || !seen.add(key(edge))) {
                    decisions.add(new Decision(edge, stored, false, null));
                    return Uni.createFrom().voidItem();
                }
                // The shortest cycle; the table refuses it too, but as a constraint violation.
                if (edge.source().equals(edge.target())) {
                    decisions.add(new Decision(edge, null, false, List.of(edge.source(), edge.source())));
                    return Uni.createFrom().voidItem();
                }
                // A cycle through source -> target needs a way out of target and a way into source.
                if (!ends.withOutgoing.contains(edge.target()) || !ends.withIncoming.contains(edge.source())) {
                    ends.accept(edge, accepted, decisions);
                    return Uni.createFrom().voidItem();
                }
                return detector.cycleThrough(edge.source(), edge.target()).map(cycle -> {
                    if (cycle.isPresent()) {
                        decisions.add(new Decision(edge, null, false, cycle.get()));
                    } else {
                        ends.accept(edge, accepted, decisions);
                    }
                    return null;
                });
            });
        }
        return chain.flatMap(v -> namesOfCycles(connection, decisions)).flatMap(names -> {
            List<EdgeOutcome> outcomes = new ArrayList<>(decisions.size());
            for (Decision decision : decisions) {
                List<NodeRef> cycle = decision.cycle() == null ? null
                        : decision.cycle().stream().map(names::get).toList();
                if (cycle != null && allOrNothing) {
                    return Uni.createFrom().<List<EdgeOutcome>>failure(
                            new CycleRefused(new EdgeOutcome(decision.requested(), null, false, cycle)));
                }
                outcomes.add(new EdgeOutcome(decision.requested(), decision.existing(), decision.created(), cycle));
            }
            // Sent together; the COMMIT's own failure (a serialization failure found at commit) fails the whole.
            Uni<Boolean> commit = connection.query("COMMIT").execute().replaceWith(true);
            return Uni.combine().all()
                    .unis(insert(connection, accepted, createdBy), run(connection, alongside).replaceWith(true), commit)
                    .asTuple().map(written -> withStored(outcomes, written.getItem1()));
        });
    }

    /** Stored now, or a repeat within this batch of an edge stored now: the outcome gets the stored edge. */
    private static List<EdgeOutcome> withStored(List<EdgeOutcome> outcomes, Map<String, Edge> inserted) {
        List<EdgeOutcome> result = new ArrayList<>(outcomes.size());
        for (EdgeOutcome outcome : outcomes) {
            result.add(outcome.refused() || outcome.edge() != null ? outcome
                    : new EdgeOutcome(outcome.requested(), inserted.get(key(outcome.requested())), outcome.created(),
                            null));
        }
        return result;
    }

    /** An edge's fate before its cycle, if any, is named. */
    private record Decision(NewEdge requested, Edge existing, boolean created, List<UUID> cycle) {
    }

    /** The nodes of the refused edges' cycles as clients name them; read in the transaction (see the class). */
    private static Uni<Map<UUID, NodeRef>> namesOfCycles(SqlConnection connection, List<Decision> decisions) {
        Set<UUID> ids = new HashSet<>();
        decisions.stream().filter(d -> d.cycle() != null).forEach(d -> ids.addAll(d.cycle()));
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery("SELECT id, node_type, node_id FROM lineage_nodes WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, NodeRef> names = new HashMap<>();
                    for (Row row : rows) {
                        names.put(row.getUUID(0), new NodeRef(row.getString(1), row.getString(2)));
                    }
                    return names;
                });
    }

    private static Uni<Void> run(SqlConnection connection, Optional<Statement> statement) {
        return statement.map(s -> connection.preparedQuery(s.sql()).execute(s.args()).replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** Which of the batch's nodes have live edges out of them and into them: most need no cycle search. */
    private static final class Endpoints {
        final Set<UUID> withOutgoing = new HashSet<>();
        final Set<UUID> withIncoming = new HashSet<>();

        void accept(NewEdge edge, List<NewEdge> accepted, List<Decision> decisions) {
            accepted.add(edge);
            withOutgoing.add(edge.source());
            withIncoming.add(edge.target());
            decisions.add(new Decision(edge, null, true, null));
        }
    }

    private static Uni<Endpoints> endpointsWithEdges(SqlConnection connection, List<NewEdge> edges) {
        return connection.preparedQuery("SELECT DISTINCT 'out', source_node_id FROM lineage_edges"
                        + " WHERE source_node_id = ANY($1) AND deleted_at IS NULL"
                        + " UNION ALL SELECT DISTINCT 'in', target_node_id FROM lineage_edges"
                        + " WHERE target_node_id = ANY($2) AND deleted_at IS NULL")
                .execute(Tuple.of(targets(edges), sources(edges)))
                .map(rows -> {
                    Endpoints ends = new Endpoints();
                    for (Row row : rows) {
                        ("out".equals(row.getString(0)) ? ends.withOutgoing : ends.withIncoming).add(row.getUUID(1));
                    }
                    return ends;
                });
    }

    /** The live edges among those asked for, by (source, target, type). */
    private static Uni<Map<String, Edge>> existing(SqlConnection connection, List<NewEdge> edges) {
        return connection.preparedQuery("SELECT " + Edge.COLUMNS + " FROM lineage_edges e"
                        + " JOIN unnest($1::uuid[], $2::uuid[], $3::text[]) AS wanted(s, t, k)"
                        + " ON e.source_node_id = wanted.s AND e.target_node_id = wanted.t AND e.edge_type = wanted.k"
                        + " WHERE e.deleted_at IS NULL")
                .execute(Tuple.of(sources(edges), targets(edges), types(edges)))
                .map(EdgeWriter::byKey);
    }

    private static Uni<Map<String, Edge>> insert(SqlConnection connection, List<NewEdge> edges, String createdBy) {
        if (edges.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        JsonObject[] metadata = edges.stream()
                .map(e -> e.metadata() == null || e.metadata().isEmpty() ? null : new JsonObject(e.metadata()))
                .toArray(JsonObject[]::new);
        return connection.preparedQuery("INSERT INTO lineage_edges"
                        + " (source_node_id, target_node_id, edge_type, metadata, created_by)"
                        + " SELECT s, t, k, m, $5 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[])"
                        + " AS new(s, t, k, m)"
                        + " RETURNING " + Edge.COLUMNS)
                .execute(Tuple.of(sources(edges), targets(edges), types(edges), metadata, createdBy))
                .map(EdgeWriter::byKey);
    }

    private static Map<String, Edge> byKey(Iterable<Row> rows) {
        Map<String, Edge> edges = new HashMap<>();
        for (Row row : rows) {
            Edge edge = Edge.from(row);
            edges.put(edge.source() + ">" + edge.target() + ">" + edge.edgeType(), edge);
        }
        return edges;
    }

    private static String key(NewEdge edge) {
        return edge.source() + ">" + edge.target() + ">" + edge.type();
    }

    private static UUID[] sources(List<NewEdge> edges) {
        return edges.stream().map(NewEdge::source).toArray(UUID[]::new);
    }

    private static UUID[] targets(List<NewEdge> edges) {
        return edges.stream().map(NewEdge::target).toArray(UUID[]::new);
    }

    private static String[] types(List<NewEdge> edges) {
        return edges.stream().map(e -> e.type().toString()).toArray(String[]::new);
    }

    /** An all-or-nothing batch held an edge that would close a cycle; nothing was written. */
    public static final class CycleRefused extends RuntimeException {

        private final transient EdgeOutcome outcome;

        CycleRefused(EdgeOutcome outcome) {
            super("edge would close a cycle", null, false, false);
            this.outcome = outcome;
        }

        public EdgeOutcome outcome() {
            return outcome;
        }
    }

    private static boolean isRetryable(Throwable failure) {
        return failure instanceof PgException pg
                && (SERIALIZATION_FAILURE.equals(pg.getSqlState()) || DEADLOCK.equals(pg.getSqlState()));
    }
}

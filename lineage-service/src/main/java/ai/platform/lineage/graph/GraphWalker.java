package ai.platform.lineage.graph;

import ai.platform.lineage.edges.Edge;
import ai.platform.lineage.nodes.Node;
import ai.platform.lineage.nodes.NodeRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Walks the graph breadth-first, one query per level over the edge indexes, keeping each node once at
 * its first (shortest) distance. Unlike a recursive SQL query, nodes reached again along other paths are not
 * walked again, and the node limit stops the walk itself, not only its answer.
 */
@ApplicationScoped
public class GraphWalker {

    private static final String LIVE = " AND deleted_at IS NULL";
    private static final String AS_OF = " AND created_at <= $2 AND (deleted_at IS NULL OR deleted_at > $2)";

    private final Pool pool;
    private final NodeRepository nodes;

    public GraphWalker(Pool pool, NodeRepository nodes) {
        this.pool = pool;
        this.nodes = nodes;
    }

    public Uni<Subgraph> walk(List<Node> roots, Direction direction, int depth, int limit, OffsetDateTime asOf) {
        // One connection for the whole walk: its level queries follow each other, and a pooled connection per
        // level would add an acquire and release to each.
        return pool.withConnection(connection -> walk(connection, roots, direction, depth, limit, asOf));
    }

    private Uni<Subgraph> walk(SqlConnection sql, List<Node> roots, Direction direction, int depth, int limit,
            OffsetDateTime asOf) {
        Walk walk = new Walk(sql, depth, limit, asOf);
        roots.forEach(root -> walk.distance.put(root.id(), 0));
        List<UUID> start = roots.stream().map(Node::id).toList();
        Uni<Void> walked = switch (direction) {
            case DOWNSTREAM -> walk.level(start, 1, true);
            case UPSTREAM -> walk.level(start, 1, false);
            case BOTH -> walk.level(start, 1, true).flatMap(v -> walk.level(start, 1, false));
        };
        return walked.flatMap(v -> walk.details())
                .map(details -> new Subgraph(roots, direction, depth, limit, asOf, details.placed(), details.edges(),
                        walk.truncated));
    }

    private final class Walk {
        final SqlConnection sql;
        final int depth;
        final int limit;
        final OffsetDateTime asOf;
        final Map<UUID, Integer> distance = new LinkedHashMap<>();
        /** The edges walked (both directions may walk one), by id. */
        final Map<UUID, Edge> edges = new HashMap<>();
        boolean truncated;

        Walk(SqlConnection sql, int depth, int limit, OffsetDateTime asOf) {
            this.sql = sql;
            this.depth = depth;
            this.limit = limit;
            this.asOf = asOf;
        }

        Uni<Void> level(List<UUID> frontier, int level, boolean downstream) {
            if (frontier.isEmpty() || level > depth || truncated) {
                return Uni.createFrom().voidItem();
            }
            String from = downstream ? "source_node_id" : "target_node_id";
            String to = downstream ? "target_node_id" : "source_node_id";
            // Whole edges, from the heap the index points to: loading the kept ones by id afterwards would descend
            // the primary key once per edge, which costs PostgreSQL more than reading every walked edge's row.
            String query = "SELECT " + Edge.COLUMNS + " FROM lineage_edges WHERE " + from + " = ANY($1)"
                    + (asOf == null ? LIVE : AS_OF);
            Tuple args = asOf == null ? Tuple.of(frontier.toArray(new UUID[0]))
                    : Tuple.of(frontier.toArray(new UUID[0]), asOf);
            return this.sql.preparedQuery(query).execute(args).flatMap(rows -> {
                List<UUID> next = new ArrayList<>();
                for (Row row : rows) {
                    Edge edge = Edge.from(row);
                    UUID reached = downstream ? edge.target() : edge.source();
                    if (!distance.containsKey(reached)) {
                        if (distance.size() >= limit) {
                            truncated = true;
                            continue;
                        }
                        distance.put(reached, level);
                        next.add(reached);
                    }
                    edges.putIfAbsent(edge.id(), edge);
                }
                return level(next, level + 1, downstream);
            });
        }

        /** Loads the nodes the walk kept; an edge to a node cut off by the limit is left out. */
        Uni<Details> details() {
            return nodes.byIds(distance.keySet()).map(nodeRows -> {
                // Plain comparators: sorted with chained key extractors, a 1,000-node answer cost about as much CPU
                // as writing its JSON (profiled).
                List<Subgraph.Placed> placed = new ArrayList<>(nodeRows.size());
                for (Node node : nodeRows) {
                    placed.add(new Subgraph.Placed(node, distance.get(node.id())));
                }
                placed.sort(GraphWalker::byDistanceTypeAndId);
                List<Edge> kept = new ArrayList<>(edges.size());
                for (Edge edge : edges.values()) {
                    if (distance.containsKey(edge.source()) && distance.containsKey(edge.target())) {
                        kept.add(edge);
                    }
                }
                kept.sort(GraphWalker::byCreationAndId);
                return new Details(placed, kept);
            });
        }
    }

    private record Details(List<Subgraph.Placed> placed, List<Edge> edges) {
    }

    private static int byDistanceTypeAndId(Subgraph.Placed a, Subgraph.Placed b) {
        if (a.distance() != b.distance()) {
            return Integer.compare(a.distance(), b.distance());
        }
        int byType = a.node().nodeType().compareTo(b.node().nodeType());
        return byType != 0 ? byType : a.node().nodeId().compareTo(b.node().nodeId());
    }

    private static int byCreationAndId(Edge a, Edge b) {
        int byTime = a.createdAt().compareTo(b.createdAt());
        return byTime != 0 ? byTime : a.id().compareTo(b.id());
    }
}

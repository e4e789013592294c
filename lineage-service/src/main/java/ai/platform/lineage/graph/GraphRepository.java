package ai.platform.lineage.graph;

import ai.platform.lineage.edges.Edge;
import ai.platform.lineage.nodes.Node;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Nodes by type and creation time, page by page, with the edges among them. */
@ApplicationScoped
public class GraphRepository {

    private final Pool pool;

    public GraphRepository(Pool pool) {
        this.pool = pool;
    }

    /** Keyset order (created_at, id); the cursor is the last node's {@code created_at|id}. */
    public Uni<List<Node>> nodes(List<String> types, OffsetDateTime createdAfter, OffsetDateTime createdBefore,
            OffsetDateTime asOf, PageRequest page) {
        OffsetDateTime afterTime = null;
        UUID afterId = null;
        if (page.cursor() != null) {
            try {
                int split = page.cursor().lastIndexOf('|');
                afterTime = OffsetDateTime.parse(page.cursor().substring(0, split));
                afterId = UUID.fromString(page.cursor().substring(split + 1));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("page_token", "is not a token this list returned");
            }
        }
        return pool.preparedQuery("SELECT " + Node.COLUMNS + " FROM lineage_nodes WHERE"
                        + " (cardinality($1::text[]) = 0 OR node_type = ANY($1))"
                        + " AND ($2::timestamptz IS NULL OR created_at >= $2)"
                        + " AND ($3::timestamptz IS NULL OR created_at < $3)"
                        + " AND ($4::timestamptz IS NULL AND deleted_at IS NULL"
                        + "      OR created_at <= $4 AND (deleted_at IS NULL OR deleted_at > $4))"
                        + " AND ($5::timestamptz IS NULL OR (created_at, id) > ($5, $6))"
                        + " ORDER BY created_at, id LIMIT $7")
                .execute(Tuple.from(new Object[] {types.toArray(new String[0]), createdAfter, createdBefore, asOf,
                        afterTime, afterId, page.fetchSize()}))
                .map(rows -> {
                    List<Node> nodes = new ArrayList<>();
                    rows.forEach(row -> nodes.add(Node.from(row)));
                    return nodes;
                });
    }

    static String cursorOf(Node node) {
        return node.createdAt() + "|" + node.id();
    }

    /** The edges (live, or live at {@code asOf}) whose both ends are among {@code nodeIds}. */
    public Uni<List<Edge>> edgesAmong(List<UUID> nodeIds, OffsetDateTime asOf) {
        UUID[] ids = nodeIds.toArray(new UUID[0]);
        return pool.preparedQuery("SELECT " + Edge.COLUMNS + " FROM lineage_edges"
                        + " WHERE source_node_id = ANY($1) AND target_node_id = ANY($1)"
                        + " AND ($2::timestamptz IS NULL AND deleted_at IS NULL"
                        + "      OR created_at <= $2 AND (deleted_at IS NULL OR deleted_at > $2))"
                        + " ORDER BY created_at, id")
                .execute(Tuple.of(ids, asOf))
                .map(rows -> {
                    List<Edge> edges = new ArrayList<>();
                    rows.forEach(row -> edges.add(Edge.from(row)));
                    return edges;
                });
    }
}

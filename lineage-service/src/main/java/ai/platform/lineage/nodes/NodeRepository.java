package ai.platform.lineage.nodes;

import ai.platform.support.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Nodes in {@code lineage.lineage_nodes}, through the reactive client: writes are single upserts. */
@ApplicationScoped
public class NodeRepository {

    /** A node stored, and whether this call created it (a repeated create returns the existing node). */
    public record Upserted(Node node, boolean created) {
    }

    private final Pool pool;

    public NodeRepository(Pool pool) {
        this.pool = pool;
    }

    /** A node to create or merge into, as {@link #upsertAll} takes them. */
    public record NodeSpec(NodeRef ref, String name, Map<String, Object> metadata) {
    }

    /**
     * Creates each node or, when (type, id) exists, merges the metadata into it (new keys win) and keeps its name
     * unless a new one is given. One statement for all, so concurrent creates of the same node all succeed with
     * it. Specs naming the same node are merged first, since one statement may not touch a row twice.
     */
    public Uni<Map<NodeRef, Upserted>> upsertAll(Collection<NodeSpec> specs) {
        return upsertAll(pool, specs);
    }

    /** As {@link #upsertAll(Collection)}, on the given client (a connection that has more to do). */
    public Uni<Map<NodeRef, Upserted>> upsertAll(SqlClient client, Collection<NodeSpec> specs) {
        Map<NodeRef, NodeSpec> merged = new LinkedHashMap<>();
        for (NodeSpec spec : specs) {
            merged.merge(spec.ref(), spec, (a, b) -> {
                Map<String, Object> metadata = new HashMap<>(a.metadata() == null ? Map.of() : a.metadata());
                if (b.metadata() != null) {
                    metadata.putAll(b.metadata());
                }
                return new NodeSpec(a.ref(), b.name() != null ? b.name() : a.name(), metadata);
            });
        }
        // One order for every statement, so that two batches locking the same rows cannot deadlock.
        List<NodeSpec> unique = merged.values().stream()
                .sorted(Comparator.comparing((NodeSpec n) -> n.ref().nodeType()).thenComparing(n -> n.ref().nodeId()))
                .toList();
        Tuple args = Tuple.of(
                unique.stream().map(n -> n.ref().nodeType()).toArray(String[]::new),
                unique.stream().map(n -> n.ref().nodeId()).toArray(String[]::new),
                unique.stream().map(NodeSpec::name).toArray(String[]::new),
                unique.stream().map(n -> n.metadata() == null ? null : new JsonObject(n.metadata()))
                        .toArray(JsonObject[]::new));
        // A node whose name and metadata the spec would not change is not written again: OpenLineage names the
        // same jobs and tables in event after event, and rewriting their rows each time costs a new row version,
        // index entries and WAL, and makes concurrent writers queue on the row lock. Such nodes are read instead
        // (the second part of the UNION, which does not see the rows the INSERT writes).
        return client.preparedQuery("""
                        WITH new AS (
                            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS new(t, i, n, m)),
                        written AS (
                            INSERT INTO lineage_nodes AS old (node_type, node_id, name, metadata)
                            SELECT t, i, n, COALESCE(m, '{}'::jsonb) FROM new
                            ON CONFLICT (node_type, node_id) DO UPDATE
                               SET name = COALESCE(EXCLUDED.name, old.name),
                                   metadata = COALESCE(old.metadata, '{}'::jsonb) || EXCLUDED.metadata,
                                   updated_at = now()
                             WHERE EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM old.name
                                OR (COALESCE(old.metadata, '{}'::jsonb) || EXCLUDED.metadata)
                                   IS DISTINCT FROM old.metadata
                            RETURNING %1$s, (xmax = 0) AS created)
                        SELECT * FROM written
                        UNION ALL
                        SELECT %2$s, false FROM lineage_nodes n JOIN new ON n.node_type = new.t AND n.node_id = new.i
                         WHERE NOT EXISTS (SELECT 1 FROM written w WHERE w.node_type = n.node_type
                                                                      AND w.node_id = n.node_id)
                        """.formatted(Node.COLUMNS, "n." + Node.COLUMNS.replace(", ", ", n.")))
                .execute(args)
                .flatMap(rows -> {
                    Map<NodeRef, Upserted> stored = new HashMap<>();
                    rows.forEach(row -> {
                        Node node = Node.from(row);
                        stored.put(node.ref(), new Upserted(node, row.getBoolean("created")));
                    });
                    List<NodeRef> missing = unique.stream().map(NodeSpec::ref).filter(r -> !stored.containsKey(r))
                            .toList();
                    if (missing.isEmpty()) {
                        return Uni.createFrom().item(stored);
                    }
                    // Created by a concurrent statement after this one's snapshot, with what this one would have
                    // written: the INSERT saw the row and left it, the read part could not see it. Read it now.
                    return client.preparedQuery("SELECT " + Node.COLUMNS + " FROM lineage_nodes n"
                                    + " JOIN unnest($1::text[], $2::text[]) AS wanted(t, i)"
                                    + " ON n.node_type = wanted.t AND n.node_id = wanted.i")
                            .execute(Tuple.of(missing.stream().map(NodeRef::nodeType).toArray(String[]::new),
                                    missing.stream().map(NodeRef::nodeId).toArray(String[]::new)))
                            .map(late -> {
                                late.forEach(row -> {
                                    Node node = Node.from(row);
                                    stored.put(node.ref(), new Upserted(node, false));
                                });
                                return stored;
                            });
                });
    }

    public Uni<Optional<Node>> find(String type, String id) {
        return pool.preparedQuery(
                        "SELECT " + Node.COLUMNS + " FROM lineage_nodes WHERE node_type = $1 AND node_id = $2")
                .execute(Tuple.of(type, id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Node.from(rows.iterator().next())));
    }

    /** The stored, live nodes among {@code refs}, by ref; a ref with no node is absent from the map. */
    public Uni<Map<NodeRef, Node>> resolve(Collection<NodeRef> refs) {
        String[] types = refs.stream().map(NodeRef::nodeType).toArray(String[]::new);
        String[] ids = refs.stream().map(NodeRef::nodeId).toArray(String[]::new);
        return pool.preparedQuery("SELECT " + Node.COLUMNS + " FROM lineage_nodes n"
                        + " JOIN unnest($1::text[], $2::text[]) AS wanted(t, i) ON n.node_type = wanted.t"
                        + " AND n.node_id = wanted.i WHERE n.deleted_at IS NULL")
                .execute(Tuple.of(types, ids))
                .map(rows -> {
                    Map<NodeRef, Node> found = new HashMap<>();
                    rows.forEach(row -> {
                        Node node = Node.from(row);
                        found.put(node.ref(), node);
                    });
                    return found;
                });
    }

    /** Nodes by their {@code id}, in no particular order. */
    public Uni<List<Node>> byIds(Collection<UUID> ids) {
        return pool.preparedQuery("SELECT " + Node.COLUMNS + " FROM lineage_nodes WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new UUID[0])))
                .map(NodeRepository::toNodes);
    }

    /** Nodes ordered by (type, id), optionally of one type, after the cursor {@code type + '\n' + id}. */
    public Uni<List<Node>> list(String type, PageRequest page) {
        String afterType = "";
        String afterId = "";
        if (page.cursor() != null) {
            int split = page.cursor().indexOf('\n');
            afterType = split < 0 ? page.cursor() : page.cursor().substring(0, split);
            afterId = split < 0 ? "" : page.cursor().substring(split + 1);
        }
        return pool.preparedQuery("SELECT " + Node.COLUMNS + " FROM lineage_nodes"
                        + " WHERE ($1::text IS NULL OR node_type = $1) AND (node_type, node_id) > ($2, $3)"
                        + " AND deleted_at IS NULL"
                        + " ORDER BY node_type, node_id LIMIT $4")
                .execute(Tuple.of(type, afterType, afterId, page.fetchSize()))
                .map(NodeRepository::toNodes);
    }

    static String cursorOf(Node node) {
        return node.nodeType() + "\n" + node.nodeId();
    }

    private static List<Node> toNodes(RowSet<Row> rows) {
        List<Node> nodes = new ArrayList<>(rows.size());
        rows.forEach(row -> nodes.add(Node.from(row)));
        return nodes;
    }
}

package ai.platform.lineage.edges;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Finds whether a new edge {@code source -> target} would close a cycle, i.e. whether {@code target} already
 * reaches {@code source}, and if so the path. The search is exact (no depth cap: a DAG promise with a cap is no
 * promise) and bidirectional: it grows whichever side has the smaller frontier, forward from the target and
 * backward from the source, one query per step, until they meet or one side runs out. Edges accepted earlier in
 * the same batch, not yet in the table, count too.
 */
final class CycleDetector {

    private static final String SUCCESSORS = "SELECT source_node_id, target_node_id FROM lineage_edges"
            + " WHERE source_node_id = ANY($1) AND deleted_at IS NULL";
    private static final String PREDECESSORS = "SELECT source_node_id, target_node_id FROM lineage_edges"
            + " WHERE target_node_id = ANY($1) AND deleted_at IS NULL";

    private final SqlClient sql;
    private final Collection<NewEdge> pending;

    /** {@code pending}: edges accepted in this transaction and not yet written. */
    CycleDetector(SqlClient sql, Collection<NewEdge> pending) {
        this.sql = sql;
        this.pending = pending;
    }

    /** The cycle {@code source, target, ..., source} the edge would close, or empty. */
    Uni<Optional<List<UUID>>> cycleThrough(UUID source, UUID target) {
        Search search = new Search(source, target);
        return search.step();
    }

    private final class Search {
        private final UUID source;
        private final UUID target;
        /** Forward side: node -> the node it was reached from (target is the root). */
        private final Map<UUID, UUID> forward = new HashMap<>();
        /** Backward side: node -> the node it leads to (source is the root). */
        private final Map<UUID, UUID> backward = new HashMap<>();
        private List<UUID> forwardFrontier;
        private List<UUID> backwardFrontier;

        Search(UUID source, UUID target) {
            this.source = source;
            this.target = target;
            forward.put(target, null);
            backward.put(source, null);
            forwardFrontier = List.of(target);
            backwardFrontier = List.of(source);
        }

        Uni<Optional<List<UUID>>> step() {
            if (forwardFrontier.isEmpty() || backwardFrontier.isEmpty()) {
                return Uni.createFrom().item(Optional.empty());
            }
            boolean growForward = forwardFrontier.size() <= backwardFrontier.size();
            List<UUID> frontier = growForward ? forwardFrontier : backwardFrontier;
            return sql.preparedQuery(growForward ? SUCCESSORS : PREDECESSORS)
                    .execute(Tuple.of(frontier.toArray(new UUID[0])))
                    .flatMap(rows -> {
                        List<UUID[]> links = new ArrayList<>();
                        for (Row row : rows) {
                            links.add(new UUID[] {row.getUUID(0), row.getUUID(1)});
                        }
                        Set<UUID> inFrontier = Set.copyOf(frontier);
                        for (NewEdge edge : pending) {
                            if (inFrontier.contains(growForward ? edge.source() : edge.target())) {
                                links.add(new UUID[] {edge.source(), edge.target()});
                            }
                        }
                        Optional<UUID> meeting = growForward ? growForward(links) : growBackward(links);
                        if (meeting.isPresent()) {
                            return Uni.createFrom().item(Optional.of(path(meeting.get())));
                        }
                        return step();
                    });
        }

        private Optional<UUID> growForward(List<UUID[]> links) {
            List<UUID> next = new ArrayList<>();
            for (UUID[] link : links) {
                UUID to = link[1];
                if (!forward.containsKey(to)) {
                    forward.put(to, link[0]);
                    if (backward.containsKey(to)) {
                        return Optional.of(to);
                    }
                    next.add(to);
                }
            }
            forwardFrontier = next;
            return Optional.empty();
        }

        private Optional<UUID> growBackward(List<UUID[]> links) {
            List<UUID> next = new ArrayList<>();
            for (UUID[] link : links) {
                UUID from = link[0];
                if (!backward.containsKey(from)) {
                    backward.put(from, link[1]);
                    if (forward.containsKey(from)) {
                        return Optional.of(from);
                    }
                    next.add(from);
                }
            }
            backwardFrontier = next;
            return Optional.empty();
        }

        /** source -> target -> ... -> meeting -> ... -> source. */
        private List<UUID> path(UUID meeting) {
            LinkedList<UUID> path = new LinkedList<>();
            for (UUID node = meeting; node != null; node = forward.get(node)) {
                path.addFirst(node);
            }
            for (UUID node = backward.get(meeting); node != null; node = backward.get(node)) {
                path.addLast(node);
            }
            path.addFirst(source);
            return path;
        }
    }
}

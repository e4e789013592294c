package ai.platform.lineage.edges;

import ai.platform.lineage.nodes.Node;
import ai.platform.lineage.nodes.NodeRef;
import ai.platform.lineage.nodes.NodeRepository;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Names a refused edge's cycle the way clients know the nodes: {@code dataset:a -> run:r -> dataset:a}. */
@ApplicationScoped
public class CycleProblems {

    private final NodeRepository nodes;

    public CycleProblems(NodeRepository nodes) {
        this.nodes = nodes;
    }

    public Uni<String> describe(List<UUID> cycle) {
        return nodes.byIds(cycle).map(found -> {
            Map<UUID, NodeRef> refs = found.stream().collect(Collectors.toMap(Node::id, Node::ref, (a, b) -> a));
            return cycle.stream().map(refs::get).map(String::valueOf).collect(Collectors.joining(" -> "));
        });
    }

    /** A 409 for the refused edge. */
    public <T> Uni<T> conflict(EdgeOutcome refused) {
        return describe(refused.cycle()).map(path -> {
            throw ProblemException.conflict("The edge " + path.substring(0, secondArrow(path))
                    + " would close the cycle " + path + "; the lineage graph must stay acyclic");
        });
    }

    private static int secondArrow(String path) {
        int first = path.indexOf(" -> ");
        int second = path.indexOf(" -> ", first + 4);
        return second < 0 ? path.length() : second;
    }
}

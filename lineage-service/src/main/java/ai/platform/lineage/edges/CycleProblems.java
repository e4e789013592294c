package ai.platform.lineage.edges;

import ai.platform.lineage.nodes.NodeRef;
import ai.platform.support.problem.ProblemException;
import java.util.List;
import java.util.stream.Collectors;

/** Names a refused edge's cycle the way clients know the nodes: {@code dataset:a -> run:r -> dataset:a}. */
public final class CycleProblems {

    private CycleProblems() {
    }

    public static String describe(List<NodeRef> cycle) {
        return cycle.stream().map(String::valueOf).collect(Collectors.joining(" -> "));
    }

    /** A 409 for the refused edge. */
    public static ProblemException conflict(EdgeOutcome refused) {
        String path = describe(refused.cycle());
        return ProblemException.conflict("The edge " + path.substring(0, secondArrow(path))
                + " would close the cycle " + path + "; the lineage graph must stay acyclic");
    }

    private static int secondArrow(String path) {
        int first = path.indexOf(" -> ");
        int second = path.indexOf(" -> ", first + 4);
        return second < 0 ? path.length() : second;
    }
}

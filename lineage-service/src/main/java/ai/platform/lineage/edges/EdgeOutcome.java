package ai.platform.lineage.edges;

import ai.platform.lineage.nodes.NodeRef;
import java.util.List;

/**
 * What became of an edge that was asked for: stored now, existed already, or refused because it would close a
 * cycle ({@code cycle} then runs from the edge's source through its target back to the source).
 */
public record EdgeOutcome(NewEdge requested, Edge edge, boolean created, List<NodeRef> cycle) {

    public boolean refused() {
        return cycle != null;
    }
}

package ai.platform.lineage.edges;

import java.util.List;
import java.util.UUID;

/**
 * What became of an edge that was asked for: stored now, existed already, or refused because it would close a
 * cycle ({@code cycle} then runs from the edge's source through its target back to the source).
 */
public record EdgeOutcome(NewEdge requested, Edge edge, boolean created, List<UUID> cycle) {

    public boolean refused() {
        return cycle != null;
    }
}

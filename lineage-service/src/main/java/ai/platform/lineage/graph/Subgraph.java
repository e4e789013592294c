package ai.platform.lineage.graph;

import ai.platform.lineage.edges.Edge;
import ai.platform.lineage.nodes.Node;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Part of the graph: nodes with their distance from the roots, and the edges between them. {@code truncated}
 * says the node limit cut the answer short: more nodes lie within the requested depth.
 */
@Schema(name = "LineageSubgraph")
public record Subgraph(List<Node> roots, Direction direction, int depth, int nodeLimit, OffsetDateTime asOf,
        List<Placed> nodes, List<Edge> edges, boolean truncated) {

    /** A node and how many edges away from the nearest root it is (0 for a root). */
    @Schema(name = "LineageSubgraphNode")
    public record Placed(Node node, int distance) {
    }
}

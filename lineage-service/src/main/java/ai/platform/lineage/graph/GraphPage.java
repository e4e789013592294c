package ai.platform.lineage.graph;

import ai.platform.lineage.edges.Edge;
import ai.platform.lineage.nodes.Node;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the graph filtered by type and time: its nodes and the edges between them. */
@Schema(name = "LineageGraphPage")
public record GraphPage(List<Node> nodes, List<Edge> edges, String nextPageToken) {
}

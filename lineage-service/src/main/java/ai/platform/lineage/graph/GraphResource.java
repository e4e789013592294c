package ai.platform.lineage.graph;

import ai.platform.lineage.LineageConfig;
import ai.platform.lineage.nodes.Node;
import ai.platform.lineage.nodes.NodeRef;
import ai.platform.lineage.nodes.NodeRepository;
import ai.platform.lineage.nodes.NodeType;
import ai.platform.lineage.visualization.GraphFormat;
import ai.platform.lineage.visualization.GraphRenderer;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The lineage graph: {@code GET /api/v2/lineage/graph} (design document 3.3). */
@Path("/api/v2/lineage/graph")
@Tag(name = "Lineage queries")
public class GraphResource {

    private final NodeRepository nodes;
    private final GraphWalker walker;
    private final GraphRepository graph;
    private final QueryBounds bounds;
    private final GraphRenderer renderer;

    public GraphResource(NodeRepository nodes, GraphWalker walker, GraphRepository graph, LineageConfig config,
            GraphRenderer renderer) {
        this.nodes = nodes;
        this.walker = walker;
        this.graph = graph;
        this.bounds = new QueryBounds(config.query());
        this.renderer = renderer;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/vnd.graphviz", "text/vnd.mermaid"})
    @Operation(summary = "A subgraph around roots, or the graph filtered by type and time, page by page",
            description = "With root (repeatable, node_type:node_id): the nodes within depth of any root, as the "
                    + "node query answers. Without: nodes of the given types created in the time range, with the "
                    + "edges among them, paged. as_of reads the graph as it was then.")
    @APIResponse(responseCode = "200", description = "A LineageSubgraph with roots, a LineageGraphPage without",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = {Subgraph.class, GraphPage.class})))
    @APIResponse(responseCode = "400", description = "Bad parameters")
    @APIResponse(responseCode = "404", description = "A root does not exist")
    public Uni<Response> graph(
            @Parameter(description = "node_type:node_id, repeatable") @QueryParam("root") List<String> roots,
            @QueryParam("direction") Direction direction, @QueryParam("depth") Integer depth,
            @QueryParam("limit") Integer limit,
            @Parameter(description = "Repeatable") @QueryParam("node_type") List<String> types,
            @QueryParam("created_after") String createdAfter, @QueryParam("created_before") String createdBefore,
            @QueryParam("as_of") String asOf, @QueryParam("format") GraphFormat format,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken) {
        OffsetDateTime at = QueryBounds.time("as_of", asOf);
        GraphFormat answer = format == null ? GraphFormat.JSON : format;
        if (roots != null && !roots.isEmpty()) {
            List<NodeRef> refs = roots.stream().map(GraphResource::parseRoot).toList();
            int walkDepth = bounds.depth(depth);
            int nodeLimit = bounds.limit(limit);
            return nodes.resolve(refs).flatMap(found -> {
                List<Node> rootNodes = new ArrayList<>();
                for (NodeRef ref : refs) {
                    Node node = found.get(ref);
                    if (node == null || at != null && node.createdAt().isAfter(at)) {
                        throw ProblemException.notFound("Node", ref);
                    }
                    rootNodes.add(node);
                }
                return walker.walk(rootNodes, direction == null ? Direction.BOTH : direction, walkDepth,
                        nodeLimit, at);
            }).map(subgraph -> renderer.render(subgraph, answer));
        }
        List<String> nodeTypes = types == null ? List.of()
                : types.stream().map(t -> NodeType.check("node_type", t)).toList();
        PageRequest page = PageRequest.of(pageSize, pageToken);
        return graph.nodes(nodeTypes, QueryBounds.time("created_after", createdAfter),
                        QueryBounds.time("created_before", createdBefore), at, page)
                .flatMap(rows -> {
                    Page<Node> nodePage = Page.fromOverfetch(rows, page, GraphRepository::cursorOf);
                    return graph.edgesAmong(nodePage.items().stream().map(Node::id).toList(), at)
                            .map(edges -> new GraphPage(nodePage.items(), edges, nodePage.nextPageToken()));
                })
                .map(result -> answer == GraphFormat.JSON ? Response.ok(result, MediaType.APPLICATION_JSON).build()
                        : renderer.render(new Subgraph(List.of(), Direction.BOTH, 0, result.nodes().size(), at,
                                result.nodes().stream().map(n -> new Subgraph.Placed(n, 0)).toList(),
                                result.edges(), result.nextPageToken() != null), answer));
    }

    private static NodeRef parseRoot(String root) {
        int split = root.indexOf(':');
        if (split < 1 || split == root.length() - 1) {
            throw ProblemException.invalidField("root", "must be node_type:node_id, e.g. dataset:s3://lake/orders");
        }
        return new NodeRef(NodeType.check("root", root.substring(0, split)), root.substring(split + 1));
    }
}

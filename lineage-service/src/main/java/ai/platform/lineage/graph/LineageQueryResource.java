package ai.platform.lineage.graph;

import ai.platform.lineage.LineageConfig;
import ai.platform.lineage.nodes.NodeRef;
import ai.platform.lineage.nodes.NodeRepository;
import ai.platform.lineage.visualization.GraphFormat;
import ai.platform.lineage.visualization.GraphRenderer;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The lineage of one node: {@code GET /api/v2/lineage/{node_type}/{node_id}} (design document 3.3). Its root is
 * the service's root, so that the literal paths of the other resources ({@code /nodes}, {@code /graph}) win over
 * the {@code {node_type}} template.
 */
@Path("/api/v2/lineage")
@Tag(name = "Lineage queries")
public class LineageQueryResource {

    private final NodeRepository nodes;
    private final GraphWalker walker;
    private final QueryBounds bounds;
    private final GraphRenderer renderer;

    public LineageQueryResource(NodeRepository nodes, GraphWalker walker, LineageConfig config,
            GraphRenderer renderer) {
        this.nodes = nodes;
        this.walker = walker;
        this.bounds = new QueryBounds(config.query());
        this.renderer = renderer;
    }

    @GET
    @Path("/{node_type}/{node_id: .+}")
    @Produces({MediaType.APPLICATION_JSON, "text/vnd.graphviz", "text/vnd.mermaid"})
    @Operation(summary = "Upstream and/or downstream lineage of a node",
            description = "Walks to the given depth and stops at the node limit, saying so with truncated. With "
                    + "as_of, the graph as it was then (edges created by then and not yet deleted).")
    @APIResponse(responseCode = "200", description = "The subgraph",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Subgraph.class)))
    @APIResponse(responseCode = "400", description = "Bad depth, limit, direction, time or format")
    @APIResponse(responseCode = "404", description = "No such node (at that time)")
    public Uni<Response> lineage(@PathParam("node_type") String nodeType, @PathParam("node_id") String nodeId,
            @Parameter(description = "upstream, downstream or both (default)")
            @QueryParam("direction") Direction direction,
            @QueryParam("depth") Integer depth,
            @Parameter(description = "Most nodes returned (default 1000)") @QueryParam("limit") Integer limit,
            @Parameter(description = "RFC 3339 time: the lineage as it was then") @QueryParam("as_of") String asOf,
            @Parameter(description = "json (default), dot, mermaid or cytoscape")
            @QueryParam("format") GraphFormat format) {
        int walkDepth = bounds.depth(depth);
        int nodeLimit = bounds.limit(limit);
        OffsetDateTime at = QueryBounds.time("as_of", asOf);
        NodeRef ref = new NodeRef(nodeType, nodeId);
        return nodes.resolve(List.of(ref)).flatMap(found -> {
            var root = found.get(ref);
            if (root == null || at != null && root.createdAt().isAfter(at)) {
                throw ProblemException.notFound("Node", ref);
            }
            return walker.walk(List.of(root), direction == null ? Direction.BOTH : direction, walkDepth,
                    nodeLimit, at);
        }).map(graph -> renderer.render(graph, format == null ? GraphFormat.JSON : format));
    }

    @GET
    @Path("/{node_type}")
    @Produces({MediaType.APPLICATION_JSON, "text/vnd.graphviz", "text/vnd.mermaid"})
    @Operation(summary = "Lineage of a node named in the query",
            description = "The same as /{node_type}/{node_id}, for ids that do not survive in a path: HTTP servers "
                    + "and proxies merge the '//' of URIs such as s3://bucket/key (or percent-encode the slashes).")
    @APIResponse(responseCode = "200", description = "The subgraph",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Subgraph.class)))
    @APIResponse(responseCode = "400", description = "Missing node_id, or bad depth, limit, direction, time, format")
    @APIResponse(responseCode = "404", description = "No such node (at that time)")
    public Uni<Response> lineageByQuery(@PathParam("node_type") String nodeType,
            @QueryParam("node_id") String nodeId, @QueryParam("direction") Direction direction,
            @QueryParam("depth") Integer depth, @QueryParam("limit") Integer limit, @QueryParam("as_of") String asOf,
            @QueryParam("format") GraphFormat format) {
        if (nodeId == null || nodeId.isBlank()) {
            throw ProblemException.invalidField("node_id", "is required");
        }
        return lineage(nodeType, nodeId, direction, depth, limit, asOf, format);
    }
}

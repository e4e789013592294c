package ai.platform.lineage.nodes;

import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lineage nodes: {@code POST /api/v2/lineage/node} (design document 3.3) and the node list. */
@Path("/api/v2/lineage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lineage nodes")
public class NodeResource {

    private final NodeRepository nodes;
    private final Caller caller;

    public NodeResource(NodeRepository nodes, Caller caller) {
        this.nodes = nodes;
        this.caller = caller;
    }

    @POST
    @Path("/node")
    @Operation(summary = "Create a node, or return the existing one",
            description = "Idempotent on (node_type, node_id): an existing node is returned with 200 and the given "
                    + "metadata merged into its own. Needs the editor role.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Node.class)))
    @APIResponse(responseCode = "200", description = "Existed; metadata merged",
            content = @Content(schema = @Schema(implementation = Node.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    public Uni<Response> create(@Valid @NotNull NodeRequest request, UriInfo uri) {
        caller.require(Role.EDITOR, "Creating a lineage node");
        String type = NodeType.check("node_type", request.nodeType());
        NodeRef ref = new NodeRef(type, request.nodeId());
        return nodes.upsertAll(List.of(new NodeRepository.NodeSpec(ref, request.name(), request.metadata())))
                .map(stored -> {
                    NodeRepository.Upserted result = stored.get(ref);
                    Response.ResponseBuilder response = result.created()
                            ? Response.created(uri.getBaseUriBuilder().path("api/v2/lineage/nodes")
                                    .queryParam("node_type", type).queryParam("node_id", request.nodeId()).build())
                            : Response.ok();
                    return response.entity(result.node()).build();
                });
    }

    @GET
    @Path("/nodes")
    @Operation(summary = "List nodes", description = "Ordered by type then id; filter by type or find one node.")
    @APIResponse(responseCode = "200", description = "One page of nodes")
    @APIResponse(responseCode = "400", description = "Bad filter or paging")
    public Uni<Page<Node>> list(@QueryParam("node_type") String nodeType, @QueryParam("node_id") String nodeId,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        String type = nodeType == null ? null : NodeType.check("node_type", nodeType);
        if (type != null && nodeId != null) {
            return nodes.find(type, nodeId).map(found -> new Page<>(found.stream().toList(), null));
        }
        return nodes.list(type, page).map(rows -> Page.fromOverfetch(rows, page, NodeRepository::cursorOf));
    }
}

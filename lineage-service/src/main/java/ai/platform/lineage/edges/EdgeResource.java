package ai.platform.lineage.edges;

import ai.platform.lineage.nodes.Node;
import ai.platform.lineage.nodes.NodeRepository;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lineage edges: {@code POST /api/v2/lineage/edge} (design document 3.3) and soft deletion. */
@Path("/api/v2/lineage/edge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lineage edges")
public class EdgeResource {

    private final NodeRepository nodes;
    private final EdgeWriter writer;
    private final EdgeRepository edges;
    private final Caller caller;

    public EdgeResource(NodeRepository nodes, EdgeWriter writer, EdgeRepository edges, Caller caller) {
        this.nodes = nodes;
        this.writer = writer;
        this.edges = edges;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an edge between two existing nodes",
            description = "Idempotent: an existing live edge with the same source, target and type is returned "
                    + "with 200. An edge that would close a cycle is refused with 409 naming the cycle. "
                    + "Needs the editor role.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Edge.class)))
    @APIResponse(responseCode = "200", description = "Existed already",
            content = @Content(schema = @Schema(implementation = Edge.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or source and target are the same node")
    @APIResponse(responseCode = "404", description = "The source or target node does not exist")
    @APIResponse(responseCode = "409", description = "The edge would close a cycle")
    public Uni<Response> create(@Valid @NotNull EdgeRequest request) {
        caller.require(Role.EDITOR, "Creating a lineage edge");
        if (request.source().equals(request.target())) {
            throw ProblemException.invalidField("target", "must differ from source: a node cannot feed itself");
        }
        EdgeType type = request.edgeType() == null ? EdgeType.DATA_FLOW : request.edgeType();
        return nodes.resolve(List.of(request.source(), request.target())).flatMap(found -> {
            Node source = found.get(request.source());
            Node target = found.get(request.target());
            if (source == null) {
                throw ProblemException.notFound("Source node", request.source());
            }
            if (target == null) {
                throw ProblemException.notFound("Target node", request.target());
            }
            NewEdge edge = new NewEdge(source.id(), target.id(), type, request.metadata());
            return writer.add(List.of(edge), caller.subject()).map(outcomes -> {
                EdgeOutcome outcome = outcomes.get(0);
                if (outcome.refused()) {
                    throw CycleProblems.conflict(outcome);
                }
                return Response.status(outcome.created() ? 201 : 200).entity(outcome.edge()).build();
            });
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an edge",
            description = "Soft: the edge stays readable in point-in-time queries before its deletion.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No live edge with this id")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        caller.require(Role.EDITOR, "Deleting a lineage edge");
        return edges.softDelete(id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("Edge", id);
            }
            return Response.noContent().build();
        });
    }
}

package ai.platform.lineage.tracking;

import ai.platform.lineage.edges.CycleProblems;
import ai.platform.lineage.edges.EdgeType;
import ai.platform.lineage.edges.EdgeWriter;
import ai.platform.lineage.edges.NewEdge;
import ai.platform.lineage.nodes.Node;
import ai.platform.lineage.nodes.NodeRef;
import ai.platform.lineage.nodes.NodeRepository;
import ai.platform.lineage.nodes.NodeRepository.NodeSpec;
import ai.platform.lineage.nodes.NodeType;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs: {@code /api/v2/lineage/runs} (design document 3.3, the {@code execution_runs} table). */
@Path("/api/v2/lineage/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs")
public class RunResource {

    private static final String RUN = "run";
    private static final String JOB = "job";

    private final RunRepository runs;
    private final NodeRepository nodes;
    private final EdgeWriter edges;
    private final Caller caller;

    public RunResource(RunRepository runs, NodeRepository nodes, EdgeWriter edges, Caller caller) {
        this.runs = runs;
        this.nodes = nodes;
        this.edges = edges;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Record a run with its inputs and outputs",
            description = "The run becomes a node of type run; missing input and output nodes are created. "
                    + "Needs the editor role.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = Run.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "The run exists, or its edges would close a cycle")
    public Uni<Response> create(@Valid @NotNull RunRequest request, UriInfo uri) {
        caller.require(Role.EDITOR, "Recording a run");
        List<NodeRef> inputs = checked("inputs", request.inputs());
        List<NodeRef> outputs = checked("outputs", request.outputs());
        NodeRef runRef = new NodeRef(RUN, request.runId());
        NodeRef jobRef = request.job() == null ? null : new NodeRef(JOB, request.job());
        List<NodeSpec> specs = new ArrayList<>();
        specs.add(new NodeSpec(runRef, request.job(), Map.of()));
        if (jobRef != null) {
            specs.add(new NodeSpec(jobRef, request.job(), Map.of()));
        }
        inputs.forEach(ref -> specs.add(new NodeSpec(ref, null, null)));
        outputs.forEach(ref -> specs.add(new NodeSpec(ref, null, null)));
        RunStatus status = request.status() == null ? RunStatus.RUNNING : request.status();
        return nodes.upsertAll(specs).flatMap(stored -> {
            Node runNode = stored.get(runRef).node();
            return runs.insert(request, request.job(), runNode.id(), status).flatMap(inserted -> {
                if (inserted.isEmpty()) {
                    throw ProblemException.conflict("A run with id '" + request.runId() + "' exists already");
                }
                List<NewEdge> links = new ArrayList<>();
                if (jobRef != null) {
                    links.add(new NewEdge(stored.get(jobRef).node().id(), runNode.id(), EdgeType.EXECUTION_FLOW,
                            null));
                }
                inputs.forEach(ref -> links.add(new NewEdge(stored.get(ref).node().id(), runNode.id(),
                        EdgeType.DATA_FLOW, null)));
                outputs.forEach(ref -> links.add(new NewEdge(runNode.id(), stored.get(ref).node().id(),
                        EdgeType.DATA_FLOW, null)));
                return edges.addAll(links, caller.subject())
                        // Nothing of the run may stay behind when its edges are refused.
                        .onFailure(EdgeWriter.CycleRefused.class).call(() -> runs.delete(request.runId()))
                        .onFailure(EdgeWriter.CycleRefused.class).transform(refused ->
                                CycleProblems.conflict(((EdgeWriter.CycleRefused) refused).outcome()))
                        .flatMap(v -> runs.withInputsAndOutputs(inserted.get()));
            });
        }).map(run -> Response.created(uri.getAbsolutePathBuilder().path(run.runId()).build()).entity(run).build());
    }

    @GET
    @Path("/{run_id}")
    @Operation(summary = "A run with its inputs and outputs")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = Run.class)))
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<Run> get(@PathParam("run_id") String runId) {
        return runs.find(runId).flatMap(found -> runs.withInputsAndOutputs(
                found.orElseThrow(() -> ProblemException.notFound("Run", runId))));
    }

    @PATCH
    @Path("/{run_id}")
    @Operation(summary = "Update a run's status, end time, metadata or outputs",
            description = "A completed, failed or aborted run keeps its status. Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The updated run",
            content = @Content(schema = @Schema(implementation = Run.class)))
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run has ended, or an output would close a cycle")
    public Uni<Run> update(@PathParam("run_id") String runId, @Valid @NotNull RunUpdate update) {
        caller.require(Role.EDITOR, "Updating a run");
        List<NodeRef> outputs = checked("outputs", update.outputs());
        // Refusals first, writes after: a refused update (ended run, cycle) changes nothing.
        return runs.find(runId).flatMap(existing -> {
            Run run = existing.orElseThrow(() -> ProblemException.notFound("Run", runId));
            if (update.status() != null && run.status().terminal() && run.status() != update.status()) {
                throw ended(runId, run.status(), update.status());
            }
            return addOutputs(run, outputs);
        }).flatMap(v -> runs.update(runId, update.status(), update.endTime(), update.metadata()))
                .flatMap(updated -> {
                    // Empty only if another request ended the run since it was read above.
                    Run run = updated.orElseThrow(() -> ended(runId, null, update.status()));
                    return runs.withInputsAndOutputs(run);
                });
    }

    /** All of the outputs or none (409 naming the cycle). */
    private Uni<Void> addOutputs(Run run, List<NodeRef> outputs) {
        if (outputs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return nodes.upsertAll(outputs.stream().map(ref -> new NodeSpec(ref, null, null)).toList())
                .flatMap(stored -> edges.addAll(outputs.stream().map(ref -> new NewEdge(run.nodeId(),
                        stored.get(ref).node().id(), EdgeType.DATA_FLOW, null)).toList(), caller.subject()))
                .onFailure(EdgeWriter.CycleRefused.class).transform(refused ->
                        CycleProblems.conflict(((EdgeWriter.CycleRefused) refused).outcome()))
                .replaceWithVoid();
    }

    private static ProblemException ended(String runId, RunStatus status, RunStatus wanted) {
        return ProblemException.conflict("Run '" + runId + "' has ended" + (status == null ? "" : " as " + status)
                + " and cannot become " + wanted);
    }

    private static List<NodeRef> checked(String field, List<NodeRef> refs) {
        if (refs == null) {
            return List.of();
        }
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i) == null) {
                throw ProblemException.invalidField(field + "[" + i + "]", "must be a node");
            }
            NodeType.check(field + "[" + i + "].node_type", refs.get(i).nodeType());
        }
        return refs;
    }
}

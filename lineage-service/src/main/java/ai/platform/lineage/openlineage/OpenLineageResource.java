package ai.platform.lineage.openlineage;

import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OpenLineage ingestion. Point an OpenLineage client's HTTP transport at the gateway with
 * {@code endpoint: api/v2/lineage/openlineage} and the platform token as its API key (sent as a bearer token).
 */
@Path("/api/v2/lineage/openlineage")
@Tag(name = "OpenLineage")
public class OpenLineageResource {

    private final OpenLineageIngestor ingestor;
    private final GroupCommit groups;
    private final Caller caller;

    public OpenLineageResource(OpenLineageIngestor ingestor, GroupCommit groups, Caller caller) {
        this.ingestor = ingestor;
        this.groups = groups;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest OpenLineage events",
            description = "One run, job or dataset event (spec 2-0-x), or an array of them. The whole batch is "
                    + "checked first: one invalid event refuses all with 400. An edge that would close a cycle "
                    + "(a job that reads and writes the same dataset) is skipped and reported; the rest is kept. "
                    + "A request of one event is written together with other clients' single events (group "
                    + "commit) and answered once its event is stored. Needs the editor role.")
    @APIResponse(responseCode = "201", description = "Ingested",
            content = @Content(schema = @Schema(implementation = OpenLineageIngestor.Result.class)))
    @APIResponse(responseCode = "400", description = "Not valid OpenLineage (errors name each field), or holding a "
            + "value that cannot be stored (a NUL character, a name of kilobytes)")
    @APIResponse(responseCode = "503", description = "Too many events waiting to be written, or too many concurrent "
            + "changes to the same part of the graph; retry")
    public Uni<Response> ingest(JsonNode body) {
        caller.require(Role.EDITOR, "Sending lineage events");
        // Checked whole before anything is queued: an invalid event never joins a group.
        List<LineageEvent> events = EventParser.parse(body);
        Uni<OpenLineageIngestor.Result> stored = events.size() == 1 ? groups.submit(events, caller.subject())
                : ingestor.ingest(events, caller.subject()).onFailure().transform(StorageRefusals::answer);
        return stored.map(result -> Response.status(Response.Status.CREATED).entity(result).build());
    }
}

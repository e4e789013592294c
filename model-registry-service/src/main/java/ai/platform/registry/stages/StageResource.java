package ai.platform.registry.stages;

import ai.platform.registry.RegistryConfig;
import ai.platform.registry.versioning.ModelVersion;
import ai.platform.registry.versioning.StageParameter;
import ai.platform.registry.versioning.VersionResource;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.problem.InvalidParameter;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stage transitions and their history (design document 2.3, the model_stages table). */
@Path("/api/v2/models/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Model stages")
public class StageResource {

    private final StageService stages;
    private final Caller caller;
    private final Role productionRole;

    public StageResource(StageService stages, Caller caller, RegistryConfig config) {
        this.stages = stages;
        this.caller = caller;
        this.productionRole = config.productionRole();
    }

    @PUT
    @Path("/versions/{version}/stage")
    @Operation(summary = "Move a version to another stage",
            description = "Recorded in the version's history. Moving into or out of Production needs the admin "
                    + "role (registry.production-role); other moves the editor role. A failed version cannot move; "
                    + "a pending one only to None or Archived.")
    @APIResponse(responseCode = "200", description = "The version in its new stage",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "403", description = "Role missing")
    @APIResponse(responseCode = "404", description = "No such model or version")
    @APIResponse(responseCode = "409", description = "Illegal transition")
    public Uni<ModelVersion> transition(@PathParam("name") String name, @PathParam("version") String version,
            @Valid @NotNull StageRequest request) {
        int number = VersionResource.number(version);
        caller.require(Role.EDITOR, "Changing a version's stage");
        return stages.transition(name, number, request, caller.subject(), caller.hasRole(productionRole),
                productionRole);
    }

    @GET
    @Path("/versions/{version}/stages")
    @Operation(summary = "A version's stage history, oldest first")
    @APIResponse(responseCode = "200", description = "The transitions")
    public Uni<List<Transition>> history(@PathParam("name") String name, @PathParam("version") String version) {
        return stages.history(name, VersionResource.number(version));
    }

    @GET
    @Path("/stages")
    @Operation(summary = "Which versions were in a stage at a time",
            description = "Answered from the history: e.g. what was in Production on 2026-11-01T00:00:00Z.")
    @APIResponse(responseCode = "200", description = "The last transition of each version that was in the stage")
    public Uni<List<Transition>> inStage(@PathParam("name") String name, @QueryParam("stage") String stage,
            @QueryParam("at") String at) {
        Stage wanted = StageParameter.parse("stage", stage == null ? "Production" : stage);
        OffsetDateTime time;
        try {
            time = at == null ? OffsetDateTime.now(ZoneOffset.UTC) : OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter("at", "must be an RFC 3339 time such as 2026-11-01T00:00:00Z");
        }
        return stages.inStageAt(name, wanted, time);
    }
}

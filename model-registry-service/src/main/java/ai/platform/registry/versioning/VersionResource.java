package ai.platform.registry.versioning;

import ai.platform.registry.stages.Stage;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.InvalidParameter;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Model versions and the latest version (design document 2.3). */
@Path("/api/v2/models/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Model versions")
public class VersionResource {

    private final VersionRepository versions;
    private final Caller caller;

    public VersionResource(VersionRepository versions, Caller caller) {
        this.versions = versions;
        this.caller = caller;
    }

    @POST
    @Path("/versions")
    @Operation(summary = "Create the next version of a model",
            description = "Numbers go 1, 2, 3 ... per model, without gaps or repeats however many clients create "
                    + "versions at once. Needs the editor role.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such model")
    public Uni<Response> create(@PathParam("name") String name, @Valid @NotNull VersionRequest request,
            UriInfo uri) {
        caller.require(Role.EDITOR, "Creating a model version");
        return versions.create(name, request, caller.subject())
                .map(version -> Response.created(uri.getAbsolutePathBuilder()
                        .path(Integer.toString(version.version())).build()).entity(version).build());
    }

    @GET
    @Path("/versions")
    @Operation(summary = "List a model's versions, newest first")
    @APIResponse(responseCode = "200", description = "One page of versions")
    public Uni<Page<ModelVersion>> list(@PathParam("name") String name, @QueryParam("page_size") Integer pageSize,
            @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        return versions.list(name, page)
                .map(rows -> Page.fromOverfetch(rows, page, v -> Integer.toString(v.version())));
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "Get a model version with its aliases")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "404", description = "No such model or version")
    public Uni<ModelVersion> get(@PathParam("name") String name, @PathParam("version") String version) {
        int number = number(version);
        return versions.find(name, number)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Version", name + "/" + number)));
    }

    @PATCH
    @Path("/versions/{version}")
    @Operation(summary = "Update a version's status, description, metadata or tags",
            description = "Status moves pending -> ready or failed, and ready -> archived; nothing else. "
                    + "Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The updated version",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "404", description = "No such model or version")
    @APIResponse(responseCode = "409", description = "The status cannot move that way")
    public Uni<ModelVersion> update(@PathParam("name") String name, @PathParam("version") String version,
            @Valid @NotNull VersionUpdate update) {
        int number = number(version);
        caller.require(Role.EDITOR, "Updating a model version");
        return versions.update(name, number, update.status(), update.description(),
                        update.metadata() == null ? null : new JsonObject(update.metadata()),
                        update.tags() == null ? null : Tags.json(update.tags()))
                .flatMap(updated -> updated.isPresent() ? Uni.createFrom().item(updated.get())
                        : versions.find(name, number).map(existing -> {
                            ModelVersion current = existing.orElseThrow(
                                    () -> ProblemException.notFound("Version", name + "/" + number));
                            throw ProblemException.conflict("Version " + name + "/" + number + " is "
                                    + current.status() + " and cannot become " + update.status());
                        }));
    }

    @GET
    @Path("/latest")
    @Operation(summary = "The newest ready version, optionally within a stage")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "404", description = "No such model, or no ready version (in that stage)")
    public Uni<ModelVersion> latest(@PathParam("name") String name,
            @Parameter(description = "None, Staging, Production or Archived") @QueryParam("stage") String stage) {
        Stage wanted = stage == null ? null : StageParameter.parse("stage", stage);
        return versions.latest(name, wanted).map(found -> found.orElseThrow(() -> ProblemException.notFound(
                "Ready version of model", name + (wanted == null ? "" : " in stage " + wanted))));
    }

    /** A version number from the path; anything but a positive integer is a 400, not a 404. */
    public static int number(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameter("version", "must be a positive integer");
    }
}

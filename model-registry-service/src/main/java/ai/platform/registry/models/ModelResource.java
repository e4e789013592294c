package ai.platform.registry.models;

import ai.platform.registry.versioning.StageParameter;
import ai.platform.registry.versioning.Tags;
import ai.platform.registry.versioning.VersionRepository;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registered models: {@code /api/v2/models} (design document 2.3). */
@Path("/api/v2/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registered models")
public class ModelResource {

    private final Caller caller;
    private final ModelRepository models;
    private final VersionRepository versions;

    public ModelResource(Caller caller, ModelRepository models, VersionRepository versions) {
        this.caller = caller;
        this.models = models;
        this.versions = versions;
    }

    @POST
    @Path("/register")
    @Operation(summary = "Register a model", description = "Needs the editor role. Names are unique.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "A model of that name exists")
    public Uni<Response> register(@Valid @NotNull RegisterModelRequest request, UriInfo uri) {
        caller.require(Role.EDITOR, "Registering a model");
        return models.create(request.name(), request.description(), request.project(), request.tags(),
                        caller.subject())
                .map(saved -> Response.created(uri.getBaseUriBuilder().path("api/v2/models").path(saved.name()).build())
                        .entity(saved).build());
    }

    @GET
    @Operation(summary = "List registered models",
            description = "Filter by name prefix, project, tag (key:value) and stage (models having a version in it); "
                    + "order by name (default) or newest first.")
    @APIResponse(responseCode = "200", description = "One page of models")
    @APIResponse(responseCode = "400", description = "Bad filter or paging")
    public Uni<Page<ModelView>> list(@QueryParam("name_prefix") String namePrefix,
            @QueryParam("project") String project,
            @Parameter(description = "key:value") @QueryParam("tag") String tag,
            @Parameter(description = "None, Staging, Production or Archived") @QueryParam("stage") String stage,
            @Parameter(description = "name (default) or newest") @QueryParam("order_by") ModelOrder orderBy,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        ModelOrder order = orderBy == null ? ModelOrder.NAME : orderBy;
        return models.list(namePrefix, project, tag == null ? null : Tags.filter("tag", tag),
                        stage == null ? null : StageParameter.parse("stage", stage), order, page)
                .map(rows -> Page.fromOverfetch(rows, page, m -> ModelRepository.cursorOf(m, order)));
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Get a registered model with its latest version per stage and its aliases")
    @APIResponse(responseCode = "200", description = "The model",
            content = @Content(schema = @Schema(implementation = ModelDetails.class)))
    @APIResponse(responseCode = "404", description = "No such model")
    public Uni<ModelDetails> get(@PathParam("name") String name) {
        return models.find(name).flatMap(found -> {
            ModelView model = found.orElseThrow(() -> ProblemException.notFound("Model", name));
            return versions.latestPerStage(List.of(name)).map(latest -> ModelDetails.of(model, latest));
        });
    }

    @PATCH
    @Path("/{name}")
    @Operation(summary = "Update a model's description or tags", description = "Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The updated model",
            content = @Content(schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "404", description = "No such model")
    public Uni<ModelView> update(@PathParam("name") String name, @Valid @NotNull ModelUpdate update) {
        caller.require(Role.EDITOR, "Updating a model");
        return models.update(name, update.description(), update.tags() == null ? null : Tags.json(update.tags()))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Model", name)));
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a model with its versions",
            description = "Its versions, history, aliases and files go with it. Refused with 409 while a version is "
                    + "in Production. Needs the admin role.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such model")
    @APIResponse(responseCode = "409", description = "A version is in Production")
    public Uni<Response> delete(@PathParam("name") String name) {
        caller.require(Role.ADMIN, "Deleting a model");
        return models.delete(name).map(v -> Response.noContent().build());
    }
}

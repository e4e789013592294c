package ai.platform.registry.models;

import ai.platform.registry.versioning.VersionRepository;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.persistence.DbTime;
import ai.platform.support.persistence.HqlFilter;
import ai.platform.support.persistence.SqlErrors;
import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registered models: {@code /api/v2/models} (design document 2.3). */
@Path("/api/v2/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registered models")
public class ModelResource {

    private final Caller caller;
    private final VersionRepository versions;

    public ModelResource(Caller caller, VersionRepository versions) {
        this.caller = caller;
        this.versions = versions;
    }

    @POST
    @Path("/register")
    @WithTransaction
    @Operation(summary = "Register a model", description = "Needs the editor role. Names are unique.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A model of that name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(@Valid @NotNull RegisterModelRequest request, UriInfo uri) {
        caller.require(Role.EDITOR, "Registering a model");
        RegisteredModel model = new RegisteredModel();
        model.name = request.name();
        model.description = request.description();
        model.project = request.project();
        model.createdBy = caller.subject();
        model.createdAt = DbTime.now();
        model.updatedAt = model.createdAt;
        return model.<RegisteredModel>persistAndFlush()
                .onFailure(SqlErrors::isUniqueViolation).transform(e -> duplicate(model.name))
                .map(saved -> Response.created(uri.getBaseUriBuilder().path("api/v2/models").path(saved.name).build())
                        .entity(ModelView.of(saved)).build());
    }

    @GET
    @WithSession
    @Operation(summary = "List registered models", description = "Ordered by name; filter by name prefix or project.")
    @APIResponse(responseCode = "200", description = "One page of models")
    @APIResponse(responseCode = "400", description = "Bad paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<ModelView>> list(@QueryParam("name_prefix") String namePrefix,
            @QueryParam("project") String project,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        HqlFilter filter = new HqlFilter().startsWith("name", namePrefix).equal("project", project)
                .after("name", page.cursor());
        return RegisteredModel.<RegisteredModel>find(filter.where() + " order by name", filter.params())
                .range(0, page.fetchSize() - 1).list()
                .map(rows -> Page.fromOverfetch(rows, page, m -> m.name).map(ModelView::of));
    }

    @GET
    @Path("/{name}")
    @WithSession
    @Operation(summary = "Get a registered model with its latest version per stage and its aliases")
    @APIResponse(responseCode = "200", description = "The model",
            content = @Content(schema = @Schema(implementation = ModelDetails.class)))
    @APIResponse(responseCode = "404", description = "No such model",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ModelDetails> get(@PathParam("name") String name) {
        return RegisteredModel.<RegisteredModel>find("name", name).firstResult().flatMap(model -> {
            if (model == null) {
                throw ProblemException.notFound("Model", name);
            }
            return versions.latestPerStage(name).map(latest -> ModelDetails.of(model, latest));
        });
    }

    private static ProblemException duplicate(String name) {
        return ProblemException.conflict("A model named '" + name + "' is already registered");
    }
}

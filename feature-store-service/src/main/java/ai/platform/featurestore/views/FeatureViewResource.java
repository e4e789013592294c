package ai.platform.featurestore.views;

import ai.platform.featurestore.registry.FeatureSelection;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Feature views: {@code /api/v2/feature-store/feature-views}. Online reads and training data take
 * {@code feature_view} (and optionally {@code feature_view_version}) instead of a list of features.
 */
@Path("/api/v2/feature-store/feature-views")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feature views")
public class FeatureViewResource {

    private final Caller caller;
    private final FeatureViews views;
    private final FeatureSelection selection;

    public FeatureViewResource(Caller caller, FeatureViews views, FeatureSelection selection) {
        this.caller = caller;
        this.views = views;
        this.selection = selection;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a feature view, or its next version", description = "A name seen for the first time "
            + "is version 1; other features under an existing name make its next version (201); the same features "
            + "as its newest version return that version (200). Every feature must exist. Needs the editor role.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = FeatureView.class)))
    @APIResponse(responseCode = "200", description = "The newest version selects these features already",
            content = @Content(schema = @Schema(implementation = FeatureView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or unknown features")
    @APIResponse(responseCode = "404", description = "A feature's group does not exist")
    @APIResponse(responseCode = "409", description = "Another version was created at the same time")
    public Uni<Response> create(@Valid @NotNull FeatureViewRequest request, UriInfo uri) {
        caller.require(Role.EDITOR, "Creating a feature view");
        return selection.resolve(request.features(), "features")
                .flatMap(checked -> views.save(request, caller.subject()))
                .map(saved -> saved.created()
                        ? Response.created(uri.getAbsolutePathBuilder().path(saved.view().name())
                                        .queryParam("version", saved.view().version()).build())
                                .entity(saved.view()).build()
                        : Response.ok(saved.view()).build());
    }

    @GET
    @Operation(summary = "List feature views", description = "The newest version of each, by name.")
    @APIResponse(responseCode = "200", description = "One page of views")
    @APIResponse(responseCode = "400", description = "Bad paging")
    public Uni<Page<FeatureView>> list(@QueryParam("name_prefix") String namePrefix,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        return views.list(namePrefix, page.cursor(), page.fetchSize())
                .map(rows -> Page.fromOverfetch(rows, page, FeatureView::name));
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Get a feature view", description = "Its newest version, or the one asked for.")
    @APIResponse(responseCode = "200", description = "The view",
            content = @Content(schema = @Schema(implementation = FeatureView.class)))
    @APIResponse(responseCode = "404", description = "No such view or version")
    public Uni<FeatureView> get(@PathParam("name") String name, @QueryParam("version") @Positive Integer version) {
        return views.get(name, version);
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "All versions of a feature view", description = "Oldest first.")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "404", description = "No such view")
    public Uni<List<FeatureView>> versions(@PathParam("name") String name) {
        return views.versions(name);
    }
}

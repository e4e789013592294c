package ai.platform.featurestore.registry;

import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.persistence.DbTime;
import ai.platform.support.persistence.HqlFilter;
import ai.platform.support.persistence.SqlErrors;
import ai.platform.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Feature groups: {@code /api/v2/feature-store/groups} (design document 1.3). */
@Path("/api/v2/feature-store/groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feature groups")
public class FeatureGroupResource {

    private final Caller caller;
    private final FeatureCatalog catalog;

    public FeatureGroupResource(Caller caller, FeatureCatalog catalog) {
        this.caller = caller;
        this.catalog = catalog;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Create a feature group", description = "Needs the editor role; the caller owns it.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = FeatureGroupView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "A group of that name exists")
    public Uni<Response> create(@Valid @NotNull FeatureGroupRequest request, UriInfo uri) {
        caller.require(Role.EDITOR, "Creating a feature group");
        List<FeatureRequest> features = request.features() == null ? List.of() : request.features();
        if (features.stream().map(FeatureRequest::name).distinct().count() < features.size()) {
            throw ProblemException.invalidField("features", "names must be unique");
        }
        if (features.stream().anyMatch(f -> request.entityKeys().contains(f.name()))) {
            throw ProblemException.invalidField("features", "an entity key is not a feature");
        }
        FeatureGroup group = new FeatureGroup();
        group.name = request.name();
        group.description = request.description();
        group.ownerId = caller.subject();
        group.sourceType = (request.sourceType() == null ? SourceType.BATCH : request.sourceType()).toString();
        group.sourceUri = request.sourceUri();
        group.entityKeys = request.entityKeys().toArray(new String[0]);
        group.online = request.online() == null || request.online();
        group.ttlSeconds = request.ttlSeconds();
        group.tags = request.tags() == null ? Map.of() : Map.copyOf(request.tags());
        group.createdAt = DbTime.now();
        group.updatedAt = group.createdAt;
        return group.<FeatureGroup>persistAndFlush()
                .onFailure(SqlErrors::isUniqueViolation).transform(e -> duplicate(group.name))
                .flatMap(saved -> Multi.createFrom().iterable(features)
                        .onItem().transformToUniAndConcatenate(f -> catalog.add(saved.id, f))
                        .map(added -> FeatureInfo.of(added.feature())).collect().asList()
                        .map(views -> Response.created(uri.getAbsolutePathBuilder().path(saved.id.toString()).build())
                                .entity(FeatureGroupView.of(saved, views)).build()));
    }

    @POST
    @Path("/{id}/features")
    @WithTransaction
    @Operation(summary = "Add a feature to a group",
            description = "The same name and type again returns the feature (200); the same name with another type "
                    + "makes its next version (201), and the older versions stay readable. Needs the editor role.")
    @APIResponse(responseCode = "201", description = "Created (a new feature, or a new version of one)",
            content = @Content(schema = @Schema(implementation = FeatureInfo.class)))
    @APIResponse(responseCode = "200", description = "Existed with this type",
            content = @Content(schema = @Schema(implementation = FeatureInfo.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or the name of an entity key")
    @APIResponse(responseCode = "404", description = "No such group")
    public Uni<Response> addFeature(@PathParam("id") UUID id, @Valid @NotNull FeatureRequest request) {
        caller.require(Role.EDITOR, "Adding a feature");
        return FeatureGroup.<FeatureGroup>findById(id).flatMap(group -> {
            if (group == null) {
                throw ProblemException.notFound("Feature group", id);
            }
            if (List.of(group.entityKeys).contains(request.name())) {
                throw ProblemException.invalidField("name", "is an entity key of the group, not a feature");
            }
            return catalog.add(id, request);
        }).call(added -> Feature.getSession().flatMap(session -> session.flush()))
                .onFailure(SqlErrors::isUniqueViolation).transform(e -> FeatureCatalog.racingVersions(request.name()))
                .map(added -> Response.status(added.created() ? 201 : 200)
                        .entity(FeatureInfo.of(added.feature())).build());
    }

    @GET
    @Path("/{id}/features")
    @WithSession
    @Operation(summary = "A group's features", description = "The newest version of each, or all with all_versions.")
    @APIResponse(responseCode = "200", description = "The features")
    @APIResponse(responseCode = "404", description = "No such group")
    public Uni<List<FeatureInfo>> features(@PathParam("id") UUID id, @QueryParam("all_versions") boolean all) {
        return FeatureGroup.<FeatureGroup>findById(id).flatMap(group -> {
            if (group == null) {
                throw ProblemException.notFound("Feature group", id);
            }
            return all ? catalog.allVersions(id).map(list -> list.stream().map(FeatureInfo::of).toList())
                    : catalog.latest(id).map(latest -> latest.values().stream().map(FeatureInfo::of).toList());
        });
    }

    @GET
    @WithSession
    @Operation(summary = "List feature groups", description = "Ordered by name; filter by name prefix, owner, or "
            + "tag (tag=key for groups having the tag, tag=key:value for that value).")
    @APIResponse(responseCode = "200", description = "One page of groups")
    @APIResponse(responseCode = "400", description = "Bad paging")
    public Uni<Page<FeatureGroupView>> list(@QueryParam("name_prefix") String namePrefix,
            @QueryParam("owner") String owner, @QueryParam("tag") String tag,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        HqlFilter filter = new HqlFilter().startsWith("name", namePrefix).equal("ownerId", owner)
                .after("name", page.cursor());
        if (tag != null && !tag.isBlank()) {
            int split = tag.indexOf(':');
            String key = split < 0 ? tag : tag.substring(0, split);
            // Tags are JSONB; HQL reaches PostgreSQL's jsonb functions through function().
            filter.and(split < 0 ? "function('jsonb_extract_path_text', tags, :tagKey) is not null"
                            : "function('jsonb_extract_path_text', tags, :tagKey) = :tagValue",
                    split < 0 ? Map.of("tagKey", key) : Map.of("tagKey", key, "tagValue", tag.substring(split + 1)));
        }
        return FeatureGroup.<FeatureGroup>find(filter.where() + " order by name", filter.params())
                .range(0, page.fetchSize() - 1).list()
                .map(rows -> Page.fromOverfetch(rows, page, g -> g.name).map(FeatureGroupView::of));
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "Get a feature group")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(schema = @Schema(implementation = FeatureGroupView.class)))
    @APIResponse(responseCode = "404", description = "No such group")
    public Uni<FeatureGroupView> get(@PathParam("id") UUID id) {
        return FeatureGroup.<FeatureGroup>findById(id).flatMap(group -> {
            if (group == null) {
                throw ProblemException.notFound("Feature group", id);
            }
            return catalog.latest(id).map(latest -> FeatureGroupView.of(group,
                    latest.values().stream().map(FeatureInfo::of).toList()));
        });
    }

    private static ProblemException duplicate(String name) {
        return ProblemException.conflict("A feature group named '" + name + "' already exists");
    }
}

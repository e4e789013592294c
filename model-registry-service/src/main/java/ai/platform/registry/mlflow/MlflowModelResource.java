package ai.platform.registry.mlflow;

import ai.platform.registry.aliases.AliasRepository;
import ai.platform.registry.mlflow.MlflowMessages.CreateRegisteredModel;
import ai.platform.registry.mlflow.MlflowMessages.DeleteRegisteredModel;
import ai.platform.registry.mlflow.MlflowMessages.DeleteRegisteredModelAlias;
import ai.platform.registry.mlflow.MlflowMessages.DeleteRegisteredModelTag;
import ai.platform.registry.mlflow.MlflowMessages.GetLatestVersions;
import ai.platform.registry.mlflow.MlflowMessages.ModelVersionResponse;
import ai.platform.registry.mlflow.MlflowMessages.ModelVersionsResponse;
import ai.platform.registry.mlflow.MlflowMessages.RegisteredModelResponse;
import ai.platform.registry.mlflow.MlflowMessages.RegisteredModelsPage;
import ai.platform.registry.mlflow.MlflowMessages.RenameRegisteredModel;
import ai.platform.registry.mlflow.MlflowMessages.SetRegisteredModelAlias;
import ai.platform.registry.mlflow.MlflowMessages.SetRegisteredModelTag;
import ai.platform.registry.mlflow.MlflowMessages.UpdateRegisteredModel;
import ai.platform.registry.models.ModelRepository;
import ai.platform.registry.models.ModelView;
import ai.platform.registry.stages.Stage;
import ai.platform.registry.versioning.StageParameter;
import ai.platform.registry.versioning.Tags;
import ai.platform.registry.versioning.VersionRepository;
import ai.platform.registry.versioning.VersionResource;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.problem.InvalidParameter;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * MLflow's registered-model endpoints ({@code /api/2.0/mlflow/registered-models/...}), so that MLflow clients
 * register and resolve models here. A thin adapter: every rule (unique names, the Production guard on delete,
 * reserved aliases, atomic alias moves) is the platform API's own, through the same repositories.
 */
@Path(MlflowErrors.PREFIX + "/registered-models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "MLflow registered models", description = "MLflow REST API 2.0, model registry part")
public class MlflowModelResource {

    private final Caller caller;
    private final ModelRepository models;
    private final VersionRepository versions;
    private final AliasRepository aliases;
    private final MlflowSearch search;
    private final MlflowViews views;

    public MlflowModelResource(Caller caller, ModelRepository models, VersionRepository versions,
            AliasRepository aliases, MlflowSearch search, MlflowViews views) {
        this.caller = caller;
        this.models = models;
        this.versions = versions;
        this.aliases = aliases;
        this.search = search;
        this.views = views;
    }

    @POST
    @Path("/create")
    @Operation(summary = "Create a registered model (MLflow CreateRegisteredModel)",
            description = "Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The new model",
            content = @Content(schema = @Schema(implementation = RegisteredModelResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE, or RESOURCE_ALREADY_EXISTS when the "
            + "name is taken")
    public Uni<RegisteredModelResponse> create(@Valid @NotNull CreateRegisteredModel request) {
        caller.require(Role.EDITOR, "Registering a model");
        return models.create(request.name(), request.description(), null, MlflowTag.map(request.tags()),
                        caller.subject())
                .flatMap(views::model).map(RegisteredModelResponse::new);
    }

    @GET
    @Path("/get")
    @Operation(summary = "Get a registered model (MLflow GetRegisteredModel)")
    @APIResponse(responseCode = "200", description = "The model with its latest version per stage",
            content = @Content(schema = @Schema(implementation = RegisteredModelResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: name missing")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<RegisteredModelResponse> get(@QueryParam("name") String name) {
        return existing(required("name", name)).flatMap(views::model).map(RegisteredModelResponse::new);
    }

    @POST
    @Path("/rename")
    @Operation(summary = "Rename a registered model (MLflow RenameRegisteredModel)",
            description = "Its versions, history, aliases and files follow. Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The renamed model",
            content = @Content(schema = @Schema(implementation = RegisteredModelResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE, or RESOURCE_ALREADY_EXISTS when the "
            + "new name is taken")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<RegisteredModelResponse> rename(@Valid @NotNull RenameRegisteredModel request) {
        caller.require(Role.EDITOR, "Renaming a model");
        return models.rename(request.name(), request.newName()).flatMap(views::model)
                .map(RegisteredModelResponse::new);
    }

    @PATCH
    @Path("/update")
    @Operation(summary = "Update a registered model's description (MLflow UpdateRegisteredModel)",
            description = "Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The updated model",
            content = @Content(schema = @Schema(implementation = RegisteredModelResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<RegisteredModelResponse> update(@Valid @NotNull UpdateRegisteredModel request) {
        caller.require(Role.EDITOR, "Updating a model");
        return models.update(request.name(), request.description(), null)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Model", request.name())))
                .flatMap(views::model).map(RegisteredModelResponse::new);
    }

    @DELETE
    @Path("/delete")
    @Operation(summary = "Delete a registered model with its versions (MLflow DeleteRegisteredModel)",
            description = "Refused while a version is in Production. Needs the admin role.")
    @APIResponse(responseCode = "200", description = "Deleted: {}")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    @APIResponse(responseCode = "409", description = "INVALID_STATE: a version is in Production")
    public Uni<Map<String, Object>> delete(@Valid @NotNull DeleteRegisteredModel request) {
        caller.require(Role.ADMIN, "Deleting a model");
        return models.delete(request.name()).map(v -> MlflowMessages.EMPTY);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search registered models (MLflow SearchRegisteredModels)",
            description = "filter: comparisons joined by AND on name (=, !=, LIKE, ILIKE) and tags.<key>, e.g. "
                    + "name LIKE 'churn%' AND tags.team = 'risk'. order_by: name, last_updated_timestamp or "
                    + "creation_timestamp, each ASC or DESC. Without a filter, every model (MLflow's list).")
    @APIResponse(responseCode = "200", description = "One page of models",
            content = @Content(schema = @Schema(implementation = RegisteredModelsPage.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: bad filter, order_by, max_results "
            + "or page_token")
    public Uni<RegisteredModelsPage> search(@QueryParam("filter") String filter,
            @QueryParam("max_results") Long maxResults, @QueryParam("order_by") List<String> orderBy,
            @QueryParam("page_token") String pageToken) {
        return search.models(filter, orderBy, maxResults == null ? 100 : maxResults, pageToken)
                .flatMap(found -> views.models(found.items())
                        .map(page -> new RegisteredModelsPage(page, found.nextPageToken())));
    }

    @POST
    @Path("/get-latest-versions")
    @Operation(summary = "The newest ready version per stage (MLflow GetLatestVersions)")
    @APIResponse(responseCode = "200", description = "One version per stage asked for (or per stage)",
            content = @Content(schema = @Schema(implementation = ModelVersionsResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: name missing or an unknown stage")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<ModelVersionsResponse> latestVersions(@Valid @NotNull GetLatestVersions request) {
        return latest(request.name(), request.stages());
    }

    @GET
    @Path("/get-latest-versions")
    @Operation(summary = "The newest ready version per stage (MLflow GetLatestVersions, as a GET)")
    @APIResponse(responseCode = "200", description = "One version per stage asked for (or per stage)",
            content = @Content(schema = @Schema(implementation = ModelVersionsResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: name missing or an unknown stage")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<ModelVersionsResponse> latestVersionsByQuery(@QueryParam("name") String name,
            @QueryParam("stages") List<String> stages) {
        return latest(required("name", name), stages);
    }

    @POST
    @Path("/set-tag")
    @Operation(summary = "Set a tag of a registered model (MLflow SetRegisteredModelTag)",
            description = "Replaces the tag's value if it exists. Needs the editor role.")
    @APIResponse(responseCode = "200", description = "Set: {}")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<Map<String, Object>> setTag(@Valid @NotNull SetRegisteredModelTag request) {
        caller.require(Role.EDITOR, "Tagging a model");
        return models.update(request.name(), null, Tags.json(Map.of(request.key(), request.value())))
                .map(found -> {
                    found.orElseThrow(() -> ProblemException.notFound("Model", request.name()));
                    return MlflowMessages.EMPTY;
                });
    }

    @DELETE
    @Path("/delete-tag")
    @Operation(summary = "Delete a tag of a registered model (MLflow DeleteRegisteredModelTag)",
            description = "Deleting a tag the model does not have changes nothing. Needs the editor role.")
    @APIResponse(responseCode = "200", description = "Deleted: {}")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<Map<String, Object>> deleteTag(@Valid @NotNull DeleteRegisteredModelTag request) {
        caller.require(Role.EDITOR, "Untagging a model");
        return models.removeTag(request.name(), request.key()).map(v -> MlflowMessages.EMPTY);
    }

    @POST
    @Path("/alias")
    @Operation(summary = "Set an alias to a version (MLflow SetRegisteredModelAlias)",
            description = "Moves the alias atomically if it points elsewhere. 'latest' and v<n> are reserved. "
                    + "Needs the editor role.")
    @APIResponse(responseCode = "200", description = "Set: {}")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: malformed or reserved alias, bad "
            + "version")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST: no such model or version")
    public Uni<Map<String, Object>> setAlias(@Valid @NotNull SetRegisteredModelAlias request) {
        caller.require(Role.EDITOR, "Setting an alias");
        return aliases.set(request.name(), request.alias(), VersionResource.number(request.version()),
                        caller.subject())
                .map(v -> MlflowMessages.EMPTY);
    }

    @DELETE
    @Path("/alias")
    @Operation(summary = "Delete an alias (MLflow DeleteRegisteredModelAlias)", description = "Needs the editor role.")
    @APIResponse(responseCode = "200", description = "Deleted: {}")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST: no such model or alias")
    public Uni<Map<String, Object>> deleteAlias(@Valid @NotNull DeleteRegisteredModelAlias request) {
        caller.require(Role.EDITOR, "Deleting an alias");
        return aliases.delete(request.name(), request.alias()).map(v -> MlflowMessages.EMPTY);
    }

    @GET
    @Path("/alias")
    @Operation(summary = "The version an alias points at (MLflow GetModelVersionByAlias)")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = ModelVersionResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: name or alias missing")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST: no such model or alias")
    public Uni<ModelVersionResponse> getByAlias(@QueryParam("name") String name, @QueryParam("alias") String alias) {
        return aliases.resolve(required("name", name), required("alias", alias))
                .map(version -> new ModelVersionResponse(MlflowModelVersion.of(version)));
    }

    /**
     * MLflow's GetLatestVersions, from the cache of resolutions as {@code /api/v2/models/{name}/latest}. A missing
     * model is an error there, not an empty list: only a model without ready versions (never cached) is looked for.
     */
    private Uni<ModelVersionsResponse> latest(String name, List<String> stages) {
        Set<Stage> wanted = stages == null || stages.isEmpty() ? null
                : stages.stream().map(stage -> StageParameter.parse("stages", stage)).collect(Collectors.toSet());
        return versions.latestPerStage(name)
                .call(latest -> latest.isEmpty() ? existing(name) : Uni.createFrom().voidItem())
                .map(latest -> new ModelVersionsResponse(latest.stream()
                        .filter(version -> wanted == null || wanted.contains(version.currentStage()))
                        .map(MlflowModelVersion::of).toList()));
    }

    private Uni<ModelView> existing(String name) {
        return models.find(name).map(found -> found.orElseThrow(() -> ProblemException.notFound("Model", name)));
    }

    /** A query parameter MLflow requires; its absence is MLflow's INVALID_PARAMETER_VALUE. */
    static String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameter(parameter, "Missing value for required parameter '" + parameter + "'");
        }
        return value;
    }
}

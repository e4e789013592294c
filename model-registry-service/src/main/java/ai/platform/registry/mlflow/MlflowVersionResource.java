package ai.platform.registry.mlflow;

import static ai.platform.registry.mlflow.MlflowModelResource.required;

import ai.platform.registry.RegistryConfig;
import ai.platform.registry.mlflow.MlflowMessages.CreateModelVersion;
import ai.platform.registry.mlflow.MlflowMessages.DeleteModelVersion;
import ai.platform.registry.mlflow.MlflowMessages.DeleteModelVersionTag;
import ai.platform.registry.mlflow.MlflowMessages.DownloadUri;
import ai.platform.registry.mlflow.MlflowMessages.ModelVersionResponse;
import ai.platform.registry.mlflow.MlflowMessages.ModelVersionsPage;
import ai.platform.registry.mlflow.MlflowMessages.SetModelVersionTag;
import ai.platform.registry.mlflow.MlflowMessages.TransitionModelVersionStage;
import ai.platform.registry.mlflow.MlflowMessages.UpdateModelVersion;
import ai.platform.registry.stages.StageRequest;
import ai.platform.registry.stages.StageService;
import ai.platform.registry.versioning.ModelVersion;
import ai.platform.registry.versioning.StageParameter;
import ai.platform.registry.versioning.Tags;
import ai.platform.registry.versioning.VersionRepository;
import ai.platform.registry.versioning.VersionRequest;
import ai.platform.registry.versioning.VersionResource;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * MLflow's model-version endpoints ({@code /api/2.0/mlflow/model-versions/...}). A thin adapter over the platform's
 * repositories: gap-free version numbers, the stage rules and history, the Production role are the same ones.
 */
@Path(MlflowErrors.PREFIX + "/model-versions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "MLflow model versions", description = "MLflow REST API 2.0, model registry part")
public class MlflowVersionResource {

    private final Caller caller;
    private final VersionRepository versions;
    private final StageService stages;
    private final MlflowSearch search;
    private final Role productionRole;

    public MlflowVersionResource(Caller caller, VersionRepository versions, StageService stages, MlflowSearch search,
            RegistryConfig config) {
        this.caller = caller;
        this.versions = versions;
        this.stages = stages;
        this.search = search;
        this.productionRole = config.productionRole();
    }

    @POST
    @Path("/create")
    @Operation(summary = "Create the next version of a model (MLflow CreateModelVersion)",
            description = "Numbered 1, 2, 3 ... per model without gaps, however many clients create at once; READY "
                    + "at once (its files stay at source). Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The new version",
            content = @Content(schema = @Schema(implementation = ModelVersionResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST: no such model")
    public Uni<ModelVersionResponse> create(@Valid @NotNull CreateModelVersion request) {
        caller.require(Role.EDITOR, "Creating a model version");
        Map<String, Object> metadata = request.runLink() == null ? null
                : Map.of(MlflowModelVersion.RUN_LINK, request.runLink());
        VersionRequest version = new VersionRequest(request.source(), request.runId(), request.description(),
                metadata, MlflowTag.map(request.tags()), null, null, false);
        return versions.create(request.name(), version, caller.subject()).map(MlflowVersionResource::response);
    }

    @GET
    @Path("/get")
    @Operation(summary = "Get a model version (MLflow GetModelVersion)")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = ModelVersionResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: name or version missing or malformed")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<ModelVersionResponse> get(@QueryParam("name") String name, @QueryParam("version") String version) {
        return existing(required("name", name), number(version)).map(MlflowVersionResource::response);
    }

    @PATCH
    @Path("/update")
    @Operation(summary = "Update a version's description (MLflow UpdateModelVersion)",
            description = "Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The updated version",
            content = @Content(schema = @Schema(implementation = ModelVersionResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<ModelVersionResponse> update(@Valid @NotNull UpdateModelVersion request) {
        caller.require(Role.EDITOR, "Updating a model version");
        int number = VersionResource.number(request.version());
        return versions.update(request.name(), number, null, request.description(), null, null)
                .map(updated -> response(found(updated, request.name(), number)));
    }

    @DELETE
    @Path("/delete")
    @Operation(summary = "Delete a model version (MLflow DeleteModelVersion)",
            description = "Its aliases and files go with it; its stage history stays, ending in a move to Archived. "
                    + "Its number is not given out again. Refused while the version is in Production. Needs the "
                    + "admin role.")
    @APIResponse(responseCode = "200", description = "Deleted: {}")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    @APIResponse(responseCode = "409", description = "INVALID_STATE: the version is in Production")
    public Uni<Map<String, Object>> delete(@Valid @NotNull DeleteModelVersion request) {
        caller.require(Role.ADMIN, "Deleting a model version");
        return versions.delete(request.name(), VersionResource.number(request.version()), caller.subject())
                .map(v -> MlflowMessages.EMPTY);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search model versions across models (MLflow SearchModelVersions)",
            description = "filter: comparisons joined by AND on name, run_id (=, !=, IN), source_path (=, !=, LIKE, "
                    + "ILIKE), version_number (=, !=, <, <=, >, >=) and tags.<key>, e.g. name='churn' AND "
                    + "run_id IN ('a', 'b'). order_by: name, version_number, creation_timestamp or "
                    + "last_updated_timestamp, each ASC or DESC; by name, then newest version first, by default.")
    @APIResponse(responseCode = "200", description = "One page of versions",
            content = @Content(schema = @Schema(implementation = ModelVersionsPage.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: bad filter, order_by, max_results "
            + "or page_token")
    public Uni<ModelVersionsPage> search(@QueryParam("filter") String filter,
            @QueryParam("max_results") Long maxResults, @QueryParam("order_by") List<String> orderBy,
            @QueryParam("page_token") String pageToken) {
        return search.versions(filter, orderBy, maxResults == null ? 10_000 : maxResults, pageToken)
                .map(found -> new ModelVersionsPage(found.items().stream().map(MlflowModelVersion::of).toList(),
                        found.nextPageToken()));
    }

    @POST
    @Path("/transition-stage")
    @Operation(summary = "Move a version to another stage (MLflow TransitionModelVersionStage)",
            description = "Recorded in the version's stage history. Into or out of Production needs the admin role "
                    + "(registry.production-role), other moves the editor role; a failed version cannot move, a "
                    + "pending one only to None or Archived, and a move to the stage it is in is refused.")
    @APIResponse(responseCode = "200", description = "The version in its new stage",
            content = @Content(schema = @Schema(implementation = ModelVersionResponse.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: unknown stage, bad version")
    @APIResponse(responseCode = "403", description = "PERMISSION_DENIED: the Production role is missing")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    @APIResponse(responseCode = "409", description = "INVALID_STATE: the transition is not allowed")
    public Uni<ModelVersionResponse> transition(@Valid @NotNull TransitionModelVersionStage request) {
        int number = VersionResource.number(request.version());
        StageRequest move = new StageRequest(StageParameter.parse("stage", request.stage()), null,
                request.archiveExistingVersions());
        caller.require(Role.EDITOR, "Changing a version's stage");
        return stages.transition(request.name(), number, move, caller.subject(), caller.hasRole(productionRole),
                productionRole).map(MlflowVersionResource::response);
    }

    @POST
    @Path("/set-tag")
    @Operation(summary = "Set a tag of a version (MLflow SetModelVersionTag)",
            description = "Replaces the tag's value if it exists. Needs the editor role.")
    @APIResponse(responseCode = "200", description = "Set: {}")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<Map<String, Object>> setTag(@Valid @NotNull SetModelVersionTag request) {
        caller.require(Role.EDITOR, "Tagging a model version");
        int number = VersionResource.number(request.version());
        return versions.update(request.name(), number, null, null, null,
                        Tags.json(Map.of(request.key(), request.value())))
                .map(updated -> {
                    found(updated, request.name(), number);
                    return MlflowMessages.EMPTY;
                });
    }

    @DELETE
    @Path("/delete-tag")
    @Operation(summary = "Delete a tag of a version (MLflow DeleteModelVersionTag)",
            description = "Deleting a tag the version does not have changes nothing. Needs the editor role.")
    @APIResponse(responseCode = "200", description = "Deleted: {}")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<Map<String, Object>> deleteTag(@Valid @NotNull DeleteModelVersionTag request) {
        caller.require(Role.EDITOR, "Untagging a model version");
        return versions.removeTag(request.name(), VersionResource.number(request.version()), request.key())
                .map(v -> MlflowMessages.EMPTY);
    }

    @GET
    @Path("/get-download-uri")
    @Operation(summary = "Where a version's files are (MLflow GetModelVersionDownloadUri)",
            description = "The version's source URI, which MLflow clients download from.")
    @APIResponse(responseCode = "200", description = "The URI",
            content = @Content(schema = @Schema(implementation = DownloadUri.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER_VALUE: name or version missing or malformed")
    @APIResponse(responseCode = "404", description = "RESOURCE_DOES_NOT_EXIST")
    public Uni<DownloadUri> downloadUri(@QueryParam("name") String name, @QueryParam("version") String version) {
        return existing(required("name", name), number(version)).map(found -> new DownloadUri(found.modelUri()));
    }

    private Uni<ModelVersion> existing(String name, int number) {
        return versions.find(name, number).map(found -> found(found, name, number));
    }

    private static int number(String version) {
        return VersionResource.number(required("version", version));
    }

    private static ModelVersion found(Optional<ModelVersion> version, String name, int number) {
        return version.orElseThrow(() -> ProblemException.notFound("Version", name + "/" + number));
    }

    private static ModelVersionResponse response(ModelVersion version) {
        return new ModelVersionResponse(MlflowModelVersion.of(version));
    }
}

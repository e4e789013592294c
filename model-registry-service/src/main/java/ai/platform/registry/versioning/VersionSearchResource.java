package ai.platform.registry.versioning;

import ai.platform.registry.stages.Stage;
import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Search across all models' versions: {@code /api/v2/model-versions}, beside {@code /api/v2/models} rather than
 * under it, where any segment could be a model's name (MLflow keeps them apart the same way).
 */
@Path("/api/v2/model-versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Model versions")
public class VersionSearchResource {

    private final VersionRepository versions;

    public VersionSearchResource(VersionRepository versions) {
        this.versions = versions;
    }

    @GET
    @Operation(summary = "Search versions across models", description = "Every filter given must match; newest first.")
    @APIResponse(responseCode = "200", description = "One page of versions")
    @APIResponse(responseCode = "400", description = "Bad filter or paging")
    public Uni<Page<ModelVersion>> search(@QueryParam("run_id") String runId,
            @QueryParam("status") VersionStatus status,
            @Parameter(description = "None, Staging, Production or Archived") @QueryParam("stage") String stage,
            @Parameter(description = "key:value") @QueryParam("tag") String tag,
            @QueryParam("name_prefix") String namePrefix,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken);
        Stage wanted = stage == null ? null : StageParameter.parse("stage", stage);
        return versions.search(runId, status, wanted, tag == null ? null : Tags.filter("tag", tag), namePrefix, page)
                .map(rows -> Page.fromOverfetch(rows, page, v -> v.createdAt() + "|" + v.id()));
    }
}

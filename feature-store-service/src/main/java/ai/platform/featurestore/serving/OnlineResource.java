package ai.platform.featurestore.serving;

import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Online serving: {@code GET /api/v2/feature-store/online} (design document 1.3) and its batch form. Answers are
 * {@link OnlineResponse}s, encoded by {@link OnlineResponseJson} into the buffer that is sent (the schema in the
 * API description is OnlineResponse's).
 */
@Path("/api/v2/feature-store/online")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Online serving")
public class OnlineResource {

    private final OnlineServing serving;
    private final OnlineResponseJson json;

    public OnlineResource(OnlineServing serving, OnlineResponseJson json) {
        this.serving = serving;
        this.json = json;
    }

    @GET
    @Operation(summary = "Online features of one entity",
            description = "features=group:feature (repeatable) or feature_view=name; entity=key:value (repeatable, "
                    + "one per join key).")
    @APIResponse(responseCode = "200", description = "The values with their status and event time",
            content = @Content(schema = @Schema(implementation = OnlineResponse.class)))
    @APIResponse(responseCode = "400", description = "Bad feature names or entity keys")
    @APIResponse(responseCode = "404", description = "No such feature group or view")
    @APIResponse(responseCode = "503", description = "The online store is unavailable")
    public Uni<Buffer> one(@Parameter(description = "group:feature") @QueryParam("features")
            List<String> features,
            @Parameter(description = "A feature view, instead of features") @QueryParam("feature_view") String view,
            @Parameter(description = "Its version; the newest when absent") @QueryParam("feature_view_version")
            Integer viewVersion,
            @Parameter(description = "key:value") @QueryParam("entity") List<String> entity) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String pair : entity == null ? List.<String>of() : entity) {
            int split = pair.indexOf(':');
            if (split < 1) {
                throw ProblemException.invalidField("entity", "must be key:value, e.g. user_id:42");
            }
            keys.put(pair.substring(0, split), pair.substring(split + 1));
        }
        return serving.read(features, view, viewVersion, List.of(keys)).map(json::encode);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Online features of many entities", description = "Up to 1,000 entities in one request, "
            + "answered with one Redis round trip.")
    @APIResponse(responseCode = "200", description = "One result per entity, in the order asked",
            content = @Content(schema = @Schema(implementation = OnlineResponse.class)))
    @APIResponse(responseCode = "400", description = "Bad feature names or entity keys")
    @APIResponse(responseCode = "404", description = "No such feature group or view")
    @APIResponse(responseCode = "503", description = "The online store is unavailable")
    public Uni<Buffer> many(@Valid @NotNull OnlineRequest request) {
        return serving.read(request.features(), request.featureView(), request.featureViewVersion(),
                request.entities()).map(json::encode);
    }
}

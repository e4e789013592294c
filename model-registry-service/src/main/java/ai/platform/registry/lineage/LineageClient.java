package ai.platform.registry.lineage;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The lineage service's OpenLineage endpoint ({@code quarkus.rest-client.lineage.url}). */
@RegisterRestClient(configKey = "lineage")
@Path("/api/v2/lineage/openlineage")
public interface LineageClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> send(@HeaderParam("Authorization") String authorization, JsonArray events);
}

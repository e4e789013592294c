package ai.platform.registry.aliases;

import ai.platform.registry.versioning.ModelVersion;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Aliases: named pointers to versions ({@code champion}, {@code challenger}), design document 2.3. */
@Path("/api/v2/models/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Model aliases")
public class AliasResource {

    private final AliasRepository aliases;
    private final Caller caller;

    public AliasResource(AliasRepository aliases, Caller caller) {
        this.aliases = aliases;
        this.caller = caller;
    }

    @POST
    @Path("/alias")
    @Operation(summary = "Set an alias to a version",
            description = "Moves the alias atomically if it points elsewhere (one statement: a reader sees the old "
                    + "or the new version, never none). Needs the editor role.")
    @APIResponse(responseCode = "200", description = "The version the alias now points at",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "400", description = "Invalid or reserved alias")
    @APIResponse(responseCode = "404", description = "No such model or version")
    public Uni<ModelVersion> set(@PathParam("name") String name, @Valid @NotNull AliasRequest request) {
        caller.require(Role.EDITOR, "Setting an alias");
        return aliases.set(name, request.alias(), request.version(), caller.subject());
    }

    @GET
    @Path("/alias/{alias}")
    @Operation(summary = "The version an alias points at")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "404", description = "No such model or alias")
    public Uni<ModelVersion> get(@PathParam("name") String name, @PathParam("alias") String alias) {
        return aliases.resolve(name, alias);
    }

    @GET
    @Path("/aliases")
    @Operation(summary = "A model's aliases and the versions they point at")
    @APIResponse(responseCode = "200", description = "alias -> version")
    @APIResponse(responseCode = "404", description = "No such model")
    public Uni<Map<String, Integer>> list(@PathParam("name") String name) {
        return aliases.list(name);
    }

    @DELETE
    @Path("/alias/{alias}")
    @Operation(summary = "Delete an alias", description = "Needs the editor role.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such model or alias")
    public Uni<Response> delete(@PathParam("name") String name, @PathParam("alias") String alias) {
        caller.require(Role.EDITOR, "Deleting an alias");
        return aliases.delete(name, alias).map(v -> Response.noContent().build());
    }
}

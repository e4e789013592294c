package ai.platform.registry.aliases;

import ai.platform.registry.models.ModelLookup;
import ai.platform.registry.versioning.ModelVersion;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /** Names that already mean something in a model reference, as in MLflow. */
    private static final Set<String> RESERVED = Set.of("latest");

    private final Pool pool;
    private final Caller caller;

    public AliasResource(Pool pool, Caller caller) {
        this.pool = pool;
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
        String alias = request.alias();
        if (RESERVED.contains(alias.toLowerCase(Locale.ROOT)) || alias.matches("[vV][0-9]+")) {
            throw ProblemException.invalidField("alias", "'" + alias + "' is reserved");
        }
        return pool.withTransaction(sql -> ModelLookup.id(sql, name).flatMap(modelId -> sql.preparedQuery(
                        "INSERT INTO model_aliases (model_id, alias, version)"
                                + " SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM model_versions"
                                + "   WHERE model_id = $1 AND version = $3)"
                                + " ON CONFLICT (model_id, alias) DO UPDATE SET version = EXCLUDED.version,"
                                + "   created_at = now()"
                                + " RETURNING version")
                .execute(Tuple.of(modelId, alias, request.version()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Version", name + "/" + request.version());
                    }
                    return sql.preparedQuery(ModelVersion.SELECT + " WHERE v.model_id = $1 AND v.version = $2")
                            .execute(Tuple.of(modelId, request.version()))
                            .map(found -> ModelVersion.from(found.iterator().next()));
                })));
    }

    @GET
    @Path("/alias/{alias}")
    @Operation(summary = "The version an alias points at")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "404", description = "No such model or alias")
    public Uni<ModelVersion> get(@PathParam("name") String name, @PathParam("alias") String alias) {
        return pool.preparedQuery(ModelVersion.SELECT + " JOIN model_aliases al ON al.model_id = v.model_id"
                        + " AND al.version = v.version WHERE m.name = $1 AND al.alias = $2")
                .execute(Tuple.of(name, alias))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Alias", name + "@" + alias);
                    }
                    return ModelVersion.from(rows.iterator().next());
                });
    }

    @GET
    @Path("/aliases")
    @Operation(summary = "A model's aliases and the versions they point at")
    @APIResponse(responseCode = "200", description = "alias -> version")
    public Uni<Map<String, Integer>> list(@PathParam("name") String name) {
        return pool.withConnection(sql -> ModelLookup.id(sql, name).flatMap(modelId -> sql.preparedQuery(
                        "SELECT alias, version FROM model_aliases WHERE model_id = $1 ORDER BY alias")
                .execute(Tuple.of(modelId))
                .map(rows -> {
                    Map<String, Integer> aliases = new LinkedHashMap<>();
                    rows.forEach(row -> aliases.put(row.getString("alias"), row.getInteger("version")));
                    return aliases;
                })));
    }

    @DELETE
    @Path("/alias/{alias}")
    @Operation(summary = "Delete an alias", description = "Needs the editor role.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such model or alias")
    public Uni<Response> delete(@PathParam("name") String name, @PathParam("alias") String alias) {
        caller.require(Role.EDITOR, "Deleting an alias");
        return pool.preparedQuery("DELETE FROM model_aliases a USING registered_models m"
                        + " WHERE a.model_id = m.id AND m.name = $1 AND a.alias = $2")
                .execute(Tuple.of(name, alias))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("Alias", name + "@" + alias);
                    }
                    return Response.noContent().build();
                });
    }
}

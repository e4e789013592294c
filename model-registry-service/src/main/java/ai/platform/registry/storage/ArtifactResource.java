package ai.platform.registry.storage;

import ai.platform.registry.versioning.VersionResource;
import ai.platform.support.identity.Caller;
import ai.platform.support.identity.Role;
import ai.platform.support.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.PathPart;

/**
 * A version's files: streamed in (never held whole in memory), checked against the sha256 the client announces,
 * listed, and streamed out with {@code Range} support. Uploads are piped on the event loop with Vert.x file I/O;
 * listing and downloads are blocking endpoints (downloads are sent from the file).
 */
@Path("/api/v2/models/{name}/versions/{version}/artifacts")
@Tag(name = "Model artifacts")
@Blocking
public class ArtifactResource {

    private static final Logger LOG = Logger.getLogger(ArtifactResource.class);

    private final Pool pool;
    private final ArtifactStore store;
    private final Caller caller;

    public ArtifactResource(Pool pool, ArtifactStore store, Caller caller) {
        this.pool = pool;
        this.store = store;
        this.caller = caller;
    }

    @PUT
    @Path("/{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file of a pending version",
            description = "The body is the file, streamed. With X-Content-SHA256 (or ?sha256=) the file is kept only "
                    + "if it matches. Uploading the same path again replaces the file. A version's files change only "
                    + "while it is pending; mark it ready (PATCH the version) when all are up. Needs the editor role.")
    @APIResponse(responseCode = "201", description = "Stored and verified",
            content = @Content(schema = @Schema(implementation = Artifact.class)))
    @APIResponse(responseCode = "400", description = "Bad path, or the content does not match the sha256 announced")
    @APIResponse(responseCode = "409", description = "The version is not pending")
    @NonBlocking
    public Uni<Response> upload(@PathParam("name") String name, @PathParam("version") String version,
            @PathParam("path") String path,
            @Parameter(description = "sha256 of the file, lower-case hex") @HeaderParam("X-Content-SHA256")
            String headerSha256, @QueryParam("sha256") String querySha256, @Context HttpServerRequest request) {
        caller.require(Role.EDITOR, "Uploading model files");
        int number = VersionResource.number(version);
        String file = ArtifactPaths.check(path);
        String expected = headerSha256 != null ? headerSha256 : querySha256;
        if (expected != null && !expected.matches("[0-9a-fA-F]{64}")) {
            throw ProblemException.invalidField("sha256", "must be 64 hexadecimal digits");
        }
        // The body is read only once the version is known to take files: hold it until then.
        request.pause();
        return versionRow(name, number).flatMap(target -> {
            if (!"pending".equals(target.getString("status"))) {
                throw ProblemException.conflict("Version " + name + "/" + number + " is "
                        + target.getString("status") + ": its files no longer change (create a new version)");
            }
            String key = target.getUUID("model_id") + "/" + number + "/" + file;
            return store.write(key, request, expected)
                    .onFailure(ArtifactStore.ChecksumMismatch.class).transform(e -> ProblemException.invalidField(
                            "sha256", "the content's sha256 is " + ((ArtifactStore.ChecksumMismatch) e).actual()
                                    + ", not " + expected.toLowerCase() + "; nothing was stored"))
                    .onFailure(f -> !(f instanceof ProblemException)).transform(e -> {
                        // Most often the client went away mid-upload; nothing is kept, the version stays pending.
                        LOG.infof("Upload of %s/%d/%s did not complete: %s", name, number, file, e.toString());
                        return ProblemException.badRequest("The upload did not complete; nothing was stored");
                    })
                    .flatMap(written -> pool.preparedQuery("INSERT INTO model_artifacts"
                                    + " (model_version_id, path, size_bytes, sha256, storage_key, uploaded_by)"
                                    + " VALUES ($1, $2, $3, $4, $5, $6)"
                                    + " ON CONFLICT (model_version_id, path) DO UPDATE SET"
                                    + " size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256,"
                                    + " storage_key = EXCLUDED.storage_key, uploaded_by = EXCLUDED.uploaded_by,"
                                    + " created_at = now()"
                                    + " RETURNING " + Artifact.COLUMNS)
                            .execute(Tuple.from(new Object[] {target.getUUID("id"), file, written.size(),
                                    written.sha256(), key, caller.subject()})));
        }).map(rows -> Response.status(Response.Status.CREATED).entity(Artifact.from(rows.iterator().next()))
                .build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List a version's files")
    @APIResponse(responseCode = "200", description = "The files, by path")
    public List<Artifact> list(@PathParam("name") String name, @PathParam("version") String version) {
        Row target = versionRow(name, VersionResource.number(version)).await().indefinitely();
        RowSet<Row> rows = pool.preparedQuery("SELECT " + Artifact.COLUMNS + " FROM model_artifacts"
                        + " WHERE model_version_id = $1 ORDER BY path")
                .execute(Tuple.of(target.getUUID("id"))).await().indefinitely();
        List<Artifact> artifacts = new ArrayList<>();
        rows.forEach(row -> artifacts.add(Artifact.from(row)));
        return artifacts;
    }

    @GET
    @Path("/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download a file", description = "Streamed; Range: bytes=start-end gives 206 Partial Content.")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "206", description = "The requested range")
    @APIResponse(responseCode = "404", description = "No such file")
    @APIResponse(responseCode = "416", description = "The range lies outside the file")
    public Response download(@PathParam("name") String name, @PathParam("version") String version,
            @PathParam("path") String path, @HeaderParam("Range") String range) {
        int number = VersionResource.number(version);
        String file = ArtifactPaths.check(path);
        RowSet<Row> rows = pool.preparedQuery("SELECT a.storage_key, a.size_bytes, a.sha256 FROM model_artifacts a"
                        + " JOIN model_versions v ON v.id = a.model_version_id"
                        + " JOIN registered_models m ON m.id = v.model_id"
                        + " WHERE m.name = $1 AND v.version = $2 AND a.path = $3")
                .execute(Tuple.of(name, number, file)).await().indefinitely();
        java.nio.file.Path stored = rows.size() == 0 ? null : store.locate(rows.iterator().next().getString(0));
        if (stored == null) {
            throw ProblemException.notFound("File", name + "/" + number + "/" + file);
        }
        Row artifact = rows.iterator().next();
        long size = artifact.getLong("size_bytes");
        Response.ResponseBuilder response;
        ByteRange requested = ByteRange.parse(range, size);
        if (requested == null) {
            response = Response.ok(stored.toFile());
        } else {
            response = Response.status(206).entity(new PathPart(stored, requested.start(), requested.length()))
                    .header("Content-Range", "bytes " + requested.start() + "-" + requested.end() + "/" + size);
        }
        return response.header("Accept-Ranges", "bytes")
                .header("ETag", "\"" + artifact.getString("sha256") + "\"")
                .header("Content-Disposition", "attachment; filename=\"" + stored.getFileName() + "\"")
                .build();
    }

    private Uni<Row> versionRow(String name, int number) {
        return pool.preparedQuery("SELECT v.id, v.model_id, v.status FROM model_versions v"
                        + " JOIN registered_models m ON m.id = v.model_id WHERE m.name = $1 AND v.version = $2")
                .execute(Tuple.of(name, number))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Version", name + "/" + number);
                    }
                    return rows.iterator().next();
                });
    }
}

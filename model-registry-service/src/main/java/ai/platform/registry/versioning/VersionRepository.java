package ai.platform.registry.versioning;

import ai.platform.registry.lineage.LineageEvents;
import ai.platform.registry.lineage.LineageOutbox;
import ai.platform.registry.models.ModelLookup;
import ai.platform.registry.resolution.Resolutions;
import ai.platform.registry.stages.Stage;
import ai.platform.registry.stages.StageService;
import ai.platform.registry.storage.ArtifactStore;
import ai.platform.registry.webhooks.WebhookOutbox;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Model versions, through the reactive client. */
@ApplicationScoped
public class VersionRepository {

    private final Pool pool;
    private final ArtifactStore artifacts;
    private final Resolutions resolutions;

    public VersionRepository(Pool pool, ArtifactStore artifacts, Resolutions resolutions) {
        this.pool = pool;
        this.artifacts = artifacts;
        this.resolutions = resolutions;
    }

    /**
     * Adds the next version of a model. The number comes from the model row's counter, incremented in the same
     * transaction: concurrent creators wait on that row, and a failed insert rolls the counter back with it.
     */
    public Uni<ModelVersion> create(String model, VersionRequest request, String createdBy) {
        VersionStatus status = Boolean.TRUE.equals(request.awaitUpload()) ? VersionStatus.PENDING
                : VersionStatus.READY;
        List<String> datasets = request.trainingDatasets() == null ? List.of() : request.trainingDatasets();
        return pool.withTransaction(sql -> sql.preparedQuery("UPDATE registered_models"
                                + " SET last_version = last_version + 1, updated_at = now()"
                                + " WHERE name = $1 RETURNING id, last_version")
                        .execute(Tuple.of(model))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                throw ProblemException.notFound("Model", model);
                            }
                            Row counter = rows.iterator().next();
                            int number = counter.getInteger("last_version");
                            if (request.parentVersion() != null && request.parentVersion() >= number) {
                                throw ProblemException.invalidField("parent_version",
                                        "must be an existing version of " + model + " (1 to " + (number - 1) + ")");
                            }
                            return sql.preparedQuery("INSERT INTO model_versions (model_id, version, model_uri,"
                                            + " run_id, status, description, metadata, created_by, tags,"
                                            + " training_datasets, parent_version)"
                                            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                                            + " RETURNING id, created_at")
                                    .execute(Tuple.from(new Object[] {counter.getUUID("id"), number,
                                            request.modelUri(), request.runId(), status.toString(),
                                            request.description(),
                                            request.metadata() == null ? null : new JsonObject(request.metadata()),
                                            createdBy, Tags.json(request.tags()), new JsonArray(datasets),
                                            request.parentVersion()}))
                                    // The lineage event commits with the version or not at all.
                                    .flatMap(inserted -> LineageOutbox.enqueue(sql,
                                                    LineageEvents.versionRegistered(model, number, request.runId(),
                                                            datasets, request.parentVersion(),
                                                            inserted.iterator().next().getOffsetDateTime("created_at")))
                                            .map(v -> inserted));
                        })
                        .flatMap(rows -> byId(sql, rows.iterator().next().getUUID("id")))
                        .call(version -> WebhookOutbox.versionCreated(sql, model, version.version(),
                                version.modelUri(), version.runId(), version.status().toString(), createdBy)))
                .onTermination().invoke(() -> resolutions.invalidate(model));
    }

    public Uni<Optional<ModelVersion>> find(String model, int version) {
        return pool.preparedQuery(ModelVersion.SELECT + " WHERE m.name = $1 AND v.version = $2")
                .execute(Tuple.of(model, version))
                .map(VersionRepository::first);
    }

    /** Versions of a model, newest first, after the cursor (a version number). */
    public Uni<List<ModelVersion>> list(String model, PageRequest page) {
        int before = Integer.MAX_VALUE;
        if (page.cursor() != null) {
            try {
                before = Integer.parseInt(page.cursor());
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("page_token", "is not a token this list returned");
            }
        }
        return pool.preparedQuery(ModelVersion.SELECT
                        + " WHERE m.name = $1 AND v.version < $2 ORDER BY v.version DESC LIMIT $3")
                .execute(Tuple.of(model, before, page.fetchSize()))
                .map(VersionRepository::all);
    }

    /** The newest ready version, optionally only among those in {@code stage} (usually from the cache). */
    public Uni<Optional<ModelVersion>> latest(String model, Stage stage) {
        return resolutions.latest(model, stage, () -> pool.preparedQuery(ModelVersion.SELECT
                        + " WHERE m.name = $1 AND v.status = 'ready'"
                        + " AND ($2::text IS NULL OR v.current_stage = $2) ORDER BY v.version DESC LIMIT 1")
                .execute(Tuple.of(model, stage == null ? null : stage.toString()))
                .map(VersionRepository::first));
    }

    /** For each stage that has ready versions of the model, the newest of them (usually from the cache). */
    public Uni<List<ModelVersion>> latestPerStage(String model) {
        return resolutions.latestPerStage(model, () -> latestPerStage(List.of(model)));
    }

    /**
     * For each of the models and each stage that has ready versions, the newest of them; one query however many
     * models (a page of search results) ask.
     */
    public Uni<List<ModelVersion>> latestPerStage(List<String> models) {
        return pool.preparedQuery("SELECT * FROM (" + ModelVersion.SELECT.replace("SELECT v.id",
                        "SELECT DISTINCT ON (v.model_id, v.current_stage) v.id")
                        + " WHERE m.name = ANY($1) AND v.status = 'ready'"
                        + " ORDER BY v.model_id, v.current_stage, v.version DESC) x"
                        + " ORDER BY name, version DESC")
                .execute(Tuple.of(models.toArray(new String[0])))
                .map(VersionRepository::all);
    }

    /**
     * Versions across all models matching every given filter, newest first; the cursor is
     * {@code created_at|id} of the last one returned.
     */
    public Uni<List<ModelVersion>> search(String runId, VersionStatus status, Stage stage, JsonObject tag,
            String namePrefix, PageRequest page) {
        OffsetDateTime afterTime = null;
        UUID afterId = null;
        if (page.cursor() != null) {
            try {
                String[] cursor = page.cursor().split("\\|", 2);
                afterTime = OffsetDateTime.parse(cursor[0]);
                afterId = UUID.fromString(cursor[1]);
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("page_token", "is not a token this list returned");
            }
        }
        return pool.preparedQuery(ModelVersion.SELECT + " WHERE ($1::text IS NULL OR v.run_id = $1)"
                        + " AND ($2::text IS NULL OR v.status = $2)"
                        + " AND ($3::text IS NULL OR v.current_stage = $3)"
                        + " AND ($4::jsonb IS NULL OR v.tags @> $4::jsonb)"
                        + " AND ($5::text IS NULL OR starts_with(m.name, $5))"
                        + " AND ($6::timestamptz IS NULL OR (v.created_at, v.id) < ($6, $7::uuid))"
                        + " ORDER BY v.created_at DESC, v.id DESC LIMIT $8")
                .execute(Tuple.from(new Object[] {runId, status == null ? null : status.toString(),
                        stage == null ? null : stage.toString(), tag, namePrefix, afterTime, afterId,
                        page.fetchSize()}))
                .map(VersionRepository::all);
    }

    /**
     * Changes a version's status (pending -> ready | failed, ready -> archived), description, metadata (merged)
     * or tags (merged). Empty when the version is missing or the status change is not allowed from where it is.
     */
    public Uni<Optional<ModelVersion>> update(String model, int version, VersionStatus status, String description,
            JsonObject metadata, JsonObject tags) {
        return pool.withTransaction(sql -> sql.preparedQuery("UPDATE model_versions v SET"
                                + " status = COALESCE($3, v.status),"
                                + " description = COALESCE($4, v.description),"
                                + " metadata = COALESCE(v.metadata, '{}'::jsonb) || COALESCE($5, '{}'::jsonb),"
                                + " tags = v.tags || COALESCE($6, '{}'::jsonb), updated_at = now()"
                                + " FROM registered_models m WHERE m.id = v.model_id AND m.name = $1"
                                + " AND v.version = $2 AND ($3::text IS NULL OR $3 = v.status"
                                + "   OR (v.status = 'pending' AND $3 = 'failed')"
                                // Ready only with its files: an upload that never finished keeps it pending.
                                + "   OR (v.status = 'pending' AND $3 = 'ready' AND EXISTS (SELECT 1 FROM"
                                + "       model_artifacts a WHERE a.model_version_id = v.id))"
                                + "   OR (v.status = 'ready' AND $3 = 'archived'))"
                                + " RETURNING v.id")
                        .execute(Tuple.from(new Object[] {model, version, status == null ? null : status.toString(),
                                description, metadata, tags}))
                        .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<ModelVersion>empty())
                                : byId(sql, rows.iterator().next().getUUID("id")).map(Optional::of)))
                .onTermination().invoke(() -> resolutions.invalidate(model));
    }

    /** Removes one tag of a version (nothing happens when it does not have it); a missing version is a 404. */
    public Uni<Void> removeTag(String model, int version, String key) {
        return pool.preparedQuery("UPDATE model_versions v SET tags = v.tags - $3, updated_at = now()"
                        + " FROM registered_models m WHERE m.id = v.model_id AND m.name = $1 AND v.version = $2")
                .execute(Tuple.of(model, version, key))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("Version", model + "/" + version);
                    }
                })
                .replaceWithVoid()
                .onTermination().invoke(() -> resolutions.invalidate(model));
    }

    /**
     * Deletes a version with its aliases and its files, unless it is in Production (409): as for a model, what
     * serves must be moved out first. The model's row is locked, so the version cannot reach Production between
     * the check and the delete. Its stage history stays (see {@code model_stages}), closed by a move to Archived
     * that says it was deleted, so that "what was in a stage on date D" still counts it then and not after; that
     * move is told as any other, and lineage hears that the version lost its aliases. Its number is not given out
     * again (the model's counter only grows). Files go after the rows, as for a model.
     */
    public Uni<Void> delete(String model, int version, String deletedBy) {
        return pool.withTransaction(sql -> ModelLookup.lock(sql, model).flatMap(modelId -> sql.preparedQuery(
                                "SELECT id, current_stage FROM model_versions WHERE model_id = $1 AND version = $2")
                        .execute(Tuple.of(modelId, version))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                throw ProblemException.notFound("Version", model + "/" + version);
                            }
                            UUID versionId = rows.iterator().next().getUUID("id");
                            Stage stage = Stage.of(rows.iterator().next().getString("current_stage"));
                            if (stage == Stage.PRODUCTION) {
                                throw ProblemException.conflict("Version " + model + "/" + version
                                        + " is in Production; move it out first");
                            }
                            Uni<Void> archived = stage == Stage.ARCHIVED ? Uni.createFrom().voidItem()
                                    : StageService.move(sql, model, modelId, version, versionId, stage,
                                            Stage.ARCHIVED, deletedBy, "Version deleted");
                            // Aliases name a version by number, without a foreign key: they go explicitly.
                            return archived.flatMap(v -> sql.preparedQuery(
                                            "DELETE FROM model_aliases WHERE model_id = $1 AND version = $2")
                                            .execute(Tuple.of(modelId, version)))
                                    .flatMap(removed -> removed.rowCount() == 0 ? Uni.createFrom().voidItem()
                                            : LineageOutbox.enqueue(sql, LineageEvents.aliasesChanged(model, version,
                                                    List.of(), OffsetDateTime.now(ZoneOffset.UTC))))
                                    .flatMap(v -> sql.preparedQuery("DELETE FROM model_versions WHERE id = $1")
                                            .execute(Tuple.of(versionId)))
                                    .replaceWith(modelId);
                        })))
                .onTermination().invoke(() -> resolutions.invalidate(model))
                .flatMap(modelId -> artifacts.deleteAll(modelId + "/" + version));
    }

    public static Uni<ModelVersion> byId(SqlClient sql, UUID id) {
        return sql.preparedQuery(ModelVersion.SELECT + " WHERE v.id = $1").execute(Tuple.of(id))
                .map(rows -> ModelVersion.from(rows.iterator().next()));
    }

    private static Optional<ModelVersion> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(ModelVersion.from(rows.iterator().next()));
    }

    private static List<ModelVersion> all(RowSet<Row> rows) {
        List<ModelVersion> versions = new ArrayList<>(rows.size());
        rows.forEach(row -> versions.add(ModelVersion.from(row)));
        return versions;
    }
}

package ai.platform.registry.stages;

import ai.platform.registry.lineage.LineageEvents;
import ai.platform.registry.lineage.LineageOutbox;
import ai.platform.registry.models.ModelLookup;
import ai.platform.registry.resolution.Resolutions;
import ai.platform.registry.versioning.ModelVersion;
import ai.platform.registry.versioning.VersionRepository;
import ai.platform.registry.versioning.VersionStatus;
import ai.platform.registry.webhooks.WebhookOutbox;
import ai.platform.support.identity.Role;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Moves versions between stages and keeps their history. Transitions of one model run one at a time (they lock
 * the model's row), so two versions sent to Production at once with "archive existing" cannot both stay there.
 */
@ApplicationScoped
public class StageService {

    private final Pool pool;
    private final Resolutions resolutions;

    public StageService(Pool pool, Resolutions resolutions) {
        this.pool = pool;
        this.resolutions = resolutions;
    }

    /**
     * {@code mayTouchProduction}: whether the caller holds {@code productionRole}, needed to move a version into
     * or out of Production.
     */
    public Uni<ModelVersion> transition(String model, int version, StageRequest request, String by,
            boolean mayTouchProduction, Role productionRole) {
        Stage target = request.stage();
        return pool.withTransaction(sql -> ModelLookup.lock(sql, model)
                .flatMap(modelId -> sql.preparedQuery("SELECT id, status, current_stage FROM model_versions"
                                + " WHERE model_id = $1 AND version = $2")
                        .execute(Tuple.of(modelId, version))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                throw ProblemException.notFound("Version", model + "/" + version);
                            }
                            Row row = rows.iterator().next();
                            UUID versionId = row.getUUID("id");
                            Stage current = Stage.of(row.getString("current_stage"));
                            if ((target == Stage.PRODUCTION || current == Stage.PRODUCTION) && !mayTouchProduction) {
                                throw ProblemException.forbidden("Moving a version into or out of Production needs "
                                        + "the '" + productionRole.claim() + "' role");
                            }
                            check(VersionStatus.of(row.getString("status")), current, target, model, version);
                            Uni<Void> archived = Boolean.TRUE.equals(request.archiveExistingVersions())
                                    && target != Stage.ARCHIVED && target != Stage.NONE
                                    ? archiveOthers(sql, model, modelId, versionId, target, version, by)
                                    : Uni.createFrom().voidItem();
                            return archived
                                    .flatMap(v -> move(sql, model, modelId, version, versionId, current, target,
                                            by, request.comment()))
                                    .flatMap(v -> VersionRepository.byId(sql, versionId));
                        })))
                .onTermination().invoke(() -> resolutions.invalidate(model));
    }

    /** The history of one version, oldest first. */
    public Uni<List<Transition>> history(String model, int version) {
        return pool.withConnection(sql -> ModelLookup.id(sql, model).flatMap(modelId -> sql.preparedQuery(
                        Transition.SELECT + " WHERE s.model_id = $1 AND s.version = $2"
                                + " ORDER BY s.transitioned_at, s.id")
                .execute(Tuple.of(modelId, version))
                .map(StageService::transitions)));
    }

    /**
     * The versions that were in {@code stage} at {@code at}: for each version, its last transition at or before
     * that time says where it was. Deleted versions included: their history stays, ending in Archived.
     */
    public Uni<List<Transition>> inStageAt(String model, Stage stage, OffsetDateTime at) {
        return pool.withConnection(sql -> ModelLookup.id(sql, model).flatMap(modelId -> sql.preparedQuery(
                        "SELECT * FROM (" + Transition.SELECT.replace("SELECT s.version",
                                "SELECT DISTINCT ON (s.version) s.version")
                                + " WHERE s.model_id = $1 AND s.transitioned_at <= $2"
                                + " ORDER BY s.version, s.transitioned_at DESC, s.id DESC) last"
                                + " WHERE stage = $3 ORDER BY version")
                .execute(Tuple.of(modelId, at, stage.toString()))
                .map(StageService::transitions)));
    }

    private static void check(VersionStatus status, Stage current, Stage target, String model, int version) {
        if (status == VersionStatus.FAILED) {
            throw ProblemException.conflict("Version " + model + "/" + version + " failed: it cannot change stage");
        }
        if (status == VersionStatus.PENDING && target != Stage.ARCHIVED && target != Stage.NONE) {
            throw ProblemException.conflict("Version " + model + "/" + version
                    + " is pending (its files are not complete): it cannot move to " + target);
        }
        if (current == target) {
            throw ProblemException.conflict("Version " + model + "/" + version + " is in " + target + " already");
        }
    }

    private static Uni<Void> archiveOthers(SqlClient sql, String model, UUID modelId, UUID keep, Stage stage,
            int version, String by) {
        String comment = "Archived as version " + version + " moved to " + stage;
        return sql.preparedQuery("UPDATE model_versions SET current_stage = 'Archived', updated_at = now()"
                        + " WHERE model_id = $1 AND current_stage = $2 AND id <> $3 RETURNING id, version")
                .execute(Tuple.of(modelId, stage.toString(), keep))
                .flatMap(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    List<Integer> numbers = new ArrayList<>();
                    rows.forEach(row -> {
                        ids.add(row.getUUID("id"));
                        numbers.add(row.getInteger("version"));
                    });
                    if (ids.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> recorded = sql.preparedQuery("INSERT INTO model_stages (model_version_id, model_id,"
                                    + " version, from_stage, stage, transitioned_by, transitioned_at, comment)"
                                    + " SELECT id, $5, version, $2, 'Archived', $3, clock_timestamp(), $4"
                                    + " FROM unnest($1::uuid[], $6::int[]) AS a(id, version)")
                            .execute(Tuple.from(new Object[] {ids.toArray(new UUID[0]), stage.toString(), by, comment,
                                    modelId, numbers.toArray(new Integer[0])}))
                            .replaceWithVoid();
                    for (int archived : numbers) {
                        recorded = recorded.call(() -> announce(sql, model, archived, stage, Stage.ARCHIVED, by,
                                comment));
                    }
                    return recorded;
                });
    }

    /**
     * Moves a version, records it in the history and tells webhooks and lineage, in the caller's transaction (which
     * holds the model's lock). clock_timestamp(), not now(): transitions of one transaction keep their order in the
     * history.
     */
    public static Uni<Void> move(SqlClient sql, String model, UUID modelId, int version, UUID versionId, Stage from,
            Stage to, String by, String comment) {
        return sql.preparedQuery("UPDATE model_versions SET current_stage = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(versionId, to.toString()))
                .flatMap(v -> sql.preparedQuery("INSERT INTO model_stages (model_version_id, model_id, version,"
                                + " from_stage, stage, transitioned_by, transitioned_at, comment)"
                                + " VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(), $7)")
                        .execute(Tuple.from(new Object[] {versionId, modelId, version, from.toString(), to.toString(),
                                by, comment})))
                .flatMap(v -> announce(sql, model, version, from, to, by, comment));
    }

    /**
     * Every stage change, the one asked for and the archivings it caused, is told to webhooks and to lineage, in
     * its transaction.
     */
    private static Uni<Void> announce(SqlClient sql, String model, int version, Stage from, Stage to, String by,
            String comment) {
        return WebhookOutbox.stageChanged(sql, model, version, from.toString(), to.toString(), by, comment)
                .call(() -> LineageOutbox.enqueue(sql, LineageEvents.stageChanged(model, version, from.toString(),
                        to.toString(), by, comment, OffsetDateTime.now(ZoneOffset.UTC))));
    }

    private static List<Transition> transitions(Iterable<Row> rows) {
        List<Transition> list = new ArrayList<>();
        rows.forEach(row -> list.add(Transition.from(row)));
        return list;
    }
}

package ai.platform.featurestore.materialization;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The design's {@code materializations} table, one row per group (storage type {@code online}): the schedule and
 * when it is next due, the incremental watermark, the last run, and pending catch-ups.
 */
@ApplicationScoped
public class MaterializationState {

    private static final Logger LOG = Logger.getLogger(MaterializationState.class);

    private static final String UPDATE = "UPDATE materializations SET ";
    private static final String OF_GROUP = " WHERE feature_group_id = $1 AND storage_type = 'online'";
    private static final String SELECT = "SELECT g.id, g.name, m.schedule, m.next_run, m.last_run, m.status,"
            + " m.watermark_time, m.catch_up_since, m.updated_by FROM feature_groups g"
            + " LEFT JOIN materializations m ON m.feature_group_id = g.id AND m.storage_type = 'online'";

    /** Where an incremental run starts: the snapshot the last one read (null: from the beginning). */
    record Watermark(String snapshot) {
    }

    /** What a run saw: its snapshot (the next run's watermark) and the time it was taken. */
    record Snapshot(String snapshot, OffsetDateTime takenAt) {
    }

    private final Pool pool;
    private final MaterializationConfig config;

    public MaterializationState(Pool pool, MaterializationConfig config) {
        this.pool = pool;
        this.config = config;
    }

    Uni<Watermark> watermark(UUID groupId) {
        return pool.preparedQuery("SELECT watermark_snapshot::text FROM materializations"
                        + " WHERE feature_group_id = $1 AND storage_type = 'online'")
                .execute(Tuple.of(groupId))
                .map(rows -> new Watermark(rows.size() == 0 ? null : rows.iterator().next().getString(0)));
    }

    /**
     * Records how a job ended. A successful incremental run moves the watermark to its snapshot and settles the
     * catch-ups if the last one was asked for before that snapshot (so all their rows were visible to it); if one
     * came later, they stay asked for.
     */
    Uni<Void> recordRun(UUID groupId, boolean incremental, Snapshot snapshot, boolean succeeded) {
        if (incremental && succeeded) {
            return update(groupId, "last_run = now(), status = 'succeeded', watermark_snapshot = $2::pg_snapshot,"
                    + " watermark_time = $3, catch_up_since = CASE WHEN catch_up_last <= $3 THEN NULL"
                    + " ELSE catch_up_since END, catch_up_last = CASE WHEN catch_up_last <= $3 THEN NULL"
                    + " ELSE catch_up_last END", snapshot.snapshot(), snapshot.takenAt());
        }
        return update(groupId, "last_run = now(), status = $2", succeeded ? "succeeded" : "failed");
    }

    /** An ingestion could not write the online store: a catch-up run is wanted (see the scheduler). */
    public Uni<Void> requestCatchUp(UUID groupId) {
        return pool.preparedQuery("INSERT INTO materializations (feature_group_id, storage_type, catch_up_since,"
                        + " catch_up_last) VALUES ($1, 'online', now(), now())"
                        + " ON CONFLICT (feature_group_id, storage_type) DO UPDATE"
                        + " SET catch_up_since = COALESCE(materializations.catch_up_since, now()),"
                        + " catch_up_last = now()")
                .execute(Tuple.of(groupId)).replaceWithVoid();
    }

    /** Groups with pending online writes, unless their last run failed a moment ago. */
    Uni<List<UUID>> catchUpsWanted() {
        return pool.preparedQuery("SELECT feature_group_id FROM materializations WHERE catch_up_since IS NOT NULL"
                        + " AND (status IS DISTINCT FROM 'failed' OR last_run < now() - make_interval(secs => $1))"
                        + " LIMIT 100")
                .execute(Tuple.of(config.catchUpRetry().toMillis() / 1000.0)).map(rows -> {
                    List<UUID> groups = new ArrayList<>();
                    rows.forEach(row -> groups.add(row.getUUID(0)));
                    return groups;
                });
    }

    Uni<Void> setSchedule(UUID groupId, CronSchedule schedule, String by) {
        return update(groupId, "schedule = $2, next_run = $3, updated_by = $4", schedule.expression(),
                schedule.next(OffsetDateTime.now()), by);
    }

    Uni<Void> clearSchedule(UUID groupId, String by) {
        return update(groupId, "schedule = NULL, next_run = NULL, updated_by = $2", by);
    }

    Uni<MaterializationSchedule> get(UUID groupId) {
        return pool.preparedQuery(SELECT + " WHERE g.id = $1").execute(Tuple.of(groupId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    /** Groups with a schedule, by name, after {@code afterName} (a keyset page). */
    Uni<List<MaterializationSchedule>> scheduled(String afterName, int limit) {
        return pool.preparedQuery(SELECT + " WHERE m.schedule IS NOT NULL AND g.name > $1 ORDER BY g.name LIMIT $2")
                .execute(Tuple.of(afterName == null ? "" : afterName, limit))
                .map(rows -> {
                    List<MaterializationSchedule> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    /**
     * Takes the groups whose schedule is due and moves each one's next run on, in one transaction whose row locks
     * (SKIP LOCKED) let exactly one replica take each due run.
     */
    Uni<List<UUID>> claimDue() {
        return pool.withTransaction(conn -> conn.query("SELECT feature_group_id, schedule FROM materializations"
                        + " WHERE schedule IS NOT NULL AND next_run <= now() FOR UPDATE SKIP LOCKED LIMIT 50")
                .execute()
                .flatMap(rows -> {
                    List<UUID> due = new ArrayList<>();
                    List<Tuple> moves = new ArrayList<>();
                    OffsetDateTime now = OffsetDateTime.now();
                    for (Row row : rows) {
                        OffsetDateTime next = nextRun(row.getUUID(0), row.getString(1), now);
                        if (next != null) {
                            due.add(row.getUUID(0));
                        }
                        // A schedule that cannot run again is stopped (next_run NULL) rather than retried forever.
                        moves.add(Tuple.of(row.getUUID(0), next));
                    }
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(due);
                    }
                    return conn.preparedQuery(UPDATE + "next_run = $2" + OF_GROUP)
                            .executeBatch(moves).replaceWith(due);
                }));
    }

    private static OffsetDateTime nextRun(UUID groupId, String cron, OffsetDateTime now) {
        try {
            return CronSchedule.parse(cron).next(now);
        } catch (IllegalArgumentException e) {
            LOG.errorf("The materialization schedule '%s' of group %s cannot run again (%s); it is stopped", cron,
                    groupId, e.getMessage());
            return null;
        }
    }

    /** Sets columns of the group's row ($1 is the group, then the values), creating the row first if need be. */
    private Uni<Void> update(UUID groupId, String assignments, Object... values) {
        List<Object> params = new ArrayList<>();
        params.add(groupId);
        params.addAll(Arrays.asList(values));
        return pool.preparedQuery("INSERT INTO materializations (feature_group_id, storage_type) VALUES ($1, 'online')"
                        + " ON CONFLICT (feature_group_id, storage_type) DO NOTHING")
                .execute(Tuple.of(groupId))
                .flatMap(ensured -> pool.preparedQuery(UPDATE + assignments + OF_GROUP).execute(Tuple.from(params)))
                .replaceWithVoid();
    }

    private static MaterializationSchedule view(Row row) {
        return new MaterializationSchedule(row.getUUID(0), row.getString(1), row.getString(2),
                row.getOffsetDateTime(3), row.getOffsetDateTime(4), row.getString(5), row.getOffsetDateTime(6),
                row.getOffsetDateTime(7), row.getString(8));
    }
}

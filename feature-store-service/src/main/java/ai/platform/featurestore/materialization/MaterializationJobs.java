package ai.platform.featurestore.materialization;

import ai.platform.support.paging.Page;
import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The {@code materialization_jobs} table. A job is queued, then claimed by exactly one replica (an UPDATE that
 * only one can win), which keeps a heartbeat while it runs; a job whose replica died is claimed again by another
 * (materializing twice is harmless: online writes are newer-wins).
 */
@ApplicationScoped
public class MaterializationJobs {

    private static final String SELECT = "SELECT " + MaterializationJob.COLUMNS
            + " FROM materialization_jobs j JOIN feature_groups g ON g.id = j.feature_group_id";
    private static final String RETURNING = " RETURNING id";

    private final Pool pool;
    private final MaterializationConfig config;

    public MaterializationJobs(Pool pool, MaterializationConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** What to materialize, asked by whom. */
    public record Submission(UUID groupId, String mode, OffsetDateTime startTime, OffsetDateTime endTime,
            String trigger, String requestedBy) {
    }

    /**
     * Queues a job; null when the group already has a queued or running job (at most one per group, enforced by
     * a unique index so that two replicas cannot both queue one).
     */
    public Uni<MaterializationJob> submit(Submission job) {
        return pool.preparedQuery("INSERT INTO materialization_jobs"
                        + " (feature_group_id, mode, start_time, end_time, trigger, requested_by, status)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, 'queued') ON CONFLICT DO NOTHING" + RETURNING)
                .execute(Tuple.from(Arrays.asList(job.groupId(), job.mode(), job.startTime(), job.endTime(),
                        job.trigger(), job.requestedBy())))
                .flatMap(this::firstJob);
    }

    /** The queued or running job of a group, if any. */
    public Uni<MaterializationJob> active(UUID groupId) {
        return one(SELECT + " WHERE j.feature_group_id = $1 AND j.status IN ('queued', 'running')", groupId);
    }

    /** Marks a queued job running on this replica; null if another replica took it first. */
    public Uni<MaterializationJob> claim(UUID id) {
        return pool.preparedQuery("UPDATE materialization_jobs SET status = 'running', attempts = attempts + 1,"
                        + " started_at = now(), heartbeat_at = now() WHERE id = $1 AND status = 'queued'" + RETURNING)
                .execute(Tuple.of(id)).flatMap(this::firstJob);
    }

    /**
     * Claims jobs nobody is running: queued ones no replica started (it died between queueing and claiming)
     * and running ones whose heartbeat stopped. Those started too often already are failed instead.
     */
    public Uni<List<MaterializationJob>> claimStranded() {
        Tuple limits = Tuple.of(config.abandonedAfter().toMillis() / 1000.0, config.maxAttempts());
        String stranded = "((status = 'queued' AND created_at < now() - make_interval(secs => $1))"
                + " OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)))";
        return pool.preparedQuery("UPDATE materialization_jobs SET status = 'failed', finished_at = now(),"
                        + " error = 'Abandoned: started ' || attempts || ' times without finishing'"
                        + " WHERE " + stranded + " AND attempts >= $2")
                .execute(limits)
                .flatMap(failed -> pool.preparedQuery("UPDATE materialization_jobs SET status = 'running',"
                                + " attempts = attempts + 1, started_at = now(), heartbeat_at = now(), error = NULL"
                                + " WHERE id IN (SELECT id FROM materialization_jobs WHERE " + stranded
                                + " AND attempts < $2 FOR UPDATE SKIP LOCKED LIMIT 10)" + RETURNING)
                        .execute(limits))
                .flatMap(claimed -> {
                    List<Uni<MaterializationJob>> jobs = new ArrayList<>();
                    claimed.forEach(row -> jobs.add(get(row.getUUID(0))));
                    return jobs.isEmpty() ? Uni.createFrom().item(List.of())
                            : Uni.join().all(jobs).andFailFast();
                });
    }

    /*
     * Every write of a running job names the attempt that claimed it: when a job was taken over (its heartbeat
     * looked stopped), the earlier attempt's late writes change nothing, and only the current one ends the job.
     */

    /** Records how far a running job is, which is also its heartbeat. */
    public Uni<Void> progress(MaterializationJob job, JobProgress progress) {
        return pool.preparedQuery("UPDATE materialization_jobs SET rows_read = $3, entities_written = $4,"
                        + " values_written = $5, heartbeat_at = now() WHERE id = $1 AND attempts = $2"
                        + " AND status = 'running'")
                .execute(Tuple.of(job.id(), job.attempts(), progress.rows(), progress.entities(), progress.values()))
                .replaceWithVoid();
    }

    /** The heartbeat alone: the job is alive, however long its next batch takes. */
    public Uni<Void> heartbeat(MaterializationJob job) {
        return pool.preparedQuery("UPDATE materialization_jobs SET heartbeat_at = now() WHERE id = $1"
                        + " AND attempts = $2 AND status = 'running'")
                .execute(Tuple.of(job.id(), job.attempts())).replaceWithVoid();
    }

    /**
     * Ends a job: succeeded when {@code error} is null, else failed with it. False when this attempt no longer
     * owns the job (another replica took it over): then nothing changed.
     */
    public Uni<Boolean> finish(MaterializationJob job, JobProgress progress, String error) {
        return pool.preparedQuery("UPDATE materialization_jobs SET status = $3, rows_read = $4,"
                        + " entities_written = $5, values_written = $6, error = $7, finished_at = now(),"
                        + " heartbeat_at = now() WHERE id = $1 AND attempts = $2 AND status = 'running'")
                .execute(Tuple.from(Arrays.asList(job.id(), job.attempts(), error == null ? "succeeded" : "failed",
                        progress.rows(), progress.entities(), progress.values(), error)))
                .map(updated -> updated.rowCount() == 1);
    }

    public Uni<MaterializationJob> get(UUID id) {
        return one(SELECT + " WHERE j.id = $1", id);
    }

    /** Jobs, newest first, of one group or all; optionally of one status. */
    public Uni<Page<MaterializationJob>> list(UUID groupId, String status, PageRequest page) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        if (groupId != null) {
            params.add(groupId);
            sql.append(" AND j.feature_group_id = $").append(params.size());
        }
        if (status != null) {
            params.add(status);
            sql.append(" AND j.status = $").append(params.size());
        }
        if (page.cursor() != null) {
            String[] cursor = page.cursor().split("\\|", 2);
            try {
                params.add(OffsetDateTime.parse(cursor[0]));
                params.add(UUID.fromString(cursor[1]));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("page_token", "is not a token this list returned");
            }
            sql.append(" AND (j.created_at, j.id) < ($").append(params.size() - 1).append(", $")
                    .append(params.size()).append(")");
        }
        params.add(page.fetchSize());
        sql.append(" ORDER BY j.created_at DESC, j.id DESC LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params))
                .map(rows -> {
                    List<MaterializationJob> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(MaterializationJob.of(row)));
                    return Page.fromOverfetch(jobs, page, job -> job.createdAt() + "|" + job.id());
                });
    }

    private Uni<MaterializationJob> firstJob(RowSet<Row> ids) {
        return ids.size() == 0 ? Uni.createFrom().nullItem() : get(ids.iterator().next().getUUID(0));
    }

    private Uni<MaterializationJob> one(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : MaterializationJob.of(rows.iterator().next()));
    }
}

package ai.platform.featurestore.materialization;

import ai.platform.featurestore.online.OnlineStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowStream;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a group's newest offline values to the online store. The rows stream from a cursor in a read-only
 * repeatable-read transaction, entity by entity (the primary key's order, read backwards so each entity's newest
 * row comes first), are merged into one write per entity, and go to Redis in pipelined batches with a few in
 * flight; the cursor is only read as fast as Redis takes the batches, so memory holds a few batches whatever
 * the group's size. Values already older than the group's ttl are not copied: they would be served EXPIRED.
 */
@ApplicationScoped
public class Materializer {

    private final Pool pool;
    private final OnlineStore online;
    private final MaterializationJobs jobs;
    private final MaterializationConfig config;

    public Materializer(Pool pool, OnlineStore online, MaterializationJobs jobs, MaterializationConfig config) {
        this.pool = pool;
        this.online = online;
        this.jobs = jobs;
        this.config = config;
    }

    /** A job's failure, with a message for its record. */
    static final class MaterializationFailure extends RuntimeException {
        MaterializationFailure(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }

    /** Runs the job; the snapshot it read is what the next incremental run starts from. */
    Uni<MaterializationState.Snapshot> run(MaterializationJob job, Duration ttl, MaterializationState.Watermark from,
            JobProgress progress) {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute()
                .flatMap(set -> conn.query("SELECT pg_current_snapshot()::text, now()").execute())
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new MaterializationState.Snapshot(row.getString(0), row.getOffsetDateTime(1));
                })
                .call(snapshot -> copy(conn, job, ttl, from, progress)))
                .onFailure(failure -> !(failure instanceof MaterializationFailure))
                .transform(failure -> new MaterializationFailure("The offline store could not be read", failure));
    }

    private Uni<Void> copy(SqlConnection conn, MaterializationJob job, Duration ttl,
            MaterializationState.Watermark from, JobProgress progress) {
        List<Object> params = new ArrayList<>(List.of(job.featureGroupId()));
        // Milliseconds truncated, as ingestion's toEpochMilli() does: both paths give an event the same time.
        StringBuilder sql = new StringBuilder("SELECT entity_key, floor(extract(epoch FROM event_time) * 1000)::int8,"
                + " values FROM feature_rows WHERE feature_group_id = $1");
        if (job.startTime() != null) {
            params.add(job.startTime());
            sql.append(" AND event_time >= $").append(params.size());
        }
        if (job.endTime() != null) {
            params.add(job.endTime());
            sql.append(" AND event_time <= $").append(params.size());
        }
        if (ttl != null) {
            params.add(ttl.toMillis() / 1000.0);
            sql.append(" AND event_time > now() - make_interval(secs => $").append(params.size()).append(")");
        }
        if (job.incremental() && from.snapshot() != null) {
            // What the last run could not see: transactions from its snapshot's xmin on (an index range; all
            // older ones were visible to it) that were not visible to it.
            params.add(from.snapshot());
            String last = "$" + params.size() + "::pg_snapshot";
            sql.append(" AND ingest_xid >= pg_snapshot_xmin(").append(last).append(")")
                    .append(" AND NOT pg_visible_in_snapshot(ingest_xid, ").append(last).append(")");
        }
        sql.append(" ORDER BY entity_key DESC, event_time DESC");
        long ttlMillis = ttl == null ? 0 : ttl.toMillis();
        return conn.prepare(sql.toString()).flatMap(statement -> {
            RowStream<Row> rows = statement.createStream(config.fetchRows(), Tuple.from(params));
            EntityMerger merger = new EntityMerger(job.featureGroupId());
            return rows.toMulti()
                    .onItem().transformToIterable(row -> {
                        progress.rowRead();
                        return merger.accept(row);
                    })
                    .onCompletion().continueWith(merger::finish)
                    .group().intoLists().of(config.batchEntities())
                    .onItem().transformToUni(batch -> write(job, batch, ttlMillis, progress))
                    .merge(config.inFlight())
                    .collect().last().replaceWithVoid()
                    .eventually(statement::close);
        });
    }

    private Uni<Void> write(MaterializationJob job, List<OnlineStore.Write> batch, long ttlMillis,
            JobProgress progress) {
        return online.write(batch, ttlMillis)
                .onFailure().transform(failure -> new MaterializationFailure(
                        "The online store could not be written", failure))
                .invoke(() -> progress.written(batch.size(), batch.stream().mapToLong(w -> w.values().size()).sum()))
                .call(() -> progress.saveDue() ? jobs.progress(job, progress) : Uni.createFrom().voidItem());
    }
}

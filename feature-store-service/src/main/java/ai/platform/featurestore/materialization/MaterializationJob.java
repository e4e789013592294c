package ai.platform.featurestore.materialization;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A materialization run as stored in {@code materialization_jobs} and shown by the API. {@code incremental} runs
 * take what was ingested since the group's last incremental run; {@code range} runs take the events between
 * {@code start_time} and {@code end_time} (both inclusive).
 */
@Schema(name = "MaterializationJob")
public record MaterializationJob(UUID id, UUID featureGroupId, String featureGroup, String mode,
        OffsetDateTime startTime, OffsetDateTime endTime,
        @Schema(description = "api, schedule, or catch_up (online writes left pending by an ingestion)")
        String trigger,
        String requestedBy,
        @Schema(description = "queued, running, succeeded or failed") String status,
        int attempts,
        @Schema(description = "Offline rows read") long rowsRead,
        @Schema(description = "Entities written to the online store") long entitiesWritten,
        @Schema(description = "Feature values written to the online store") long valuesWritten,
        String error, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    /** Columns of {@link #of(Row)}, for a query joining {@code feature_groups g} to {@code materialization_jobs j}. */
    static final String COLUMNS = "j.id, j.feature_group_id, g.name, j.mode, j.start_time, j.end_time, j.trigger,"
            + " j.requested_by, j.status, j.attempts, j.rows_read, j.entities_written, j.values_written, j.error,"
            + " j.created_at, j.started_at, j.finished_at";

    static MaterializationJob of(Row row) {
        return new MaterializationJob(row.getUUID(0), row.getUUID(1), row.getString(2), row.getString(3),
                row.getOffsetDateTime(4), row.getOffsetDateTime(5), row.getString(6), row.getString(7),
                row.getString(8), row.getInteger(9), row.getLong(10), row.getLong(11), row.getLong(12),
                row.getString(13), row.getOffsetDateTime(14), row.getOffsetDateTime(15), row.getOffsetDateTime(16));
    }

    boolean incremental() {
        return "incremental".equals(mode);
    }
}

package ai.platform.featurestore.monitoring;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The health of a feature group's data: volume, freshness, nulls, and how far the online store is behind. */
@Schema(name = "FeatureGroupStats")
public record GroupStats(UUID featureGroupId, String featureGroup, Offline offline, Online online,
        List<FeatureStats> features, Materialization materialization) {

    /** The offline store: all history. */
    @Schema(name = "OfflineStats")
    public record Offline(long rows, long entities, OffsetDateTime oldestEventTime, OffsetDateTime newestEventTime,
            @Schema(description = "Seconds from the newest event time to now; null without rows")
            Long freshnessSeconds) {
    }

    /** The online store; null for an offline-only group. */
    @Schema(name = "OnlineStats")
    public record Online(@Schema(description = "Entities held in Redis (a SCAN of the group's keys)") long keys,
            @Schema(description = "False when Redis could not be read; keys is then 0") boolean available) {
    }

    /** Per feature, over the most recent rows (see sampled_rows). */
    @Schema(name = "FeatureStats")
    public record FeatureStats(String name, String dtype,
            @Schema(description = "Recent rows carrying this feature") long rows,
            @Schema(description = "Share of those rows whose value is null, 0..1; null when no row carries it")
            Double nullRate,
            @Schema(description = "How many of the group's most recent rows were looked at") long sampledRows) {
    }

    /** The last materialization, and how far behind the online store may be. */
    @Schema(name = "MaterializationStats")
    public record Materialization(OffsetDateTime lastRun, String lastStatus, UUID lastJobId, String lastJobError,
            @Schema(description = "When the last successful incremental run took its snapshot: rows committed before "
                    + "it are online (unless older than the ttl); later ones wait for the next run, or were written "
                    + "online by their ingestion") OffsetDateTime watermarkTime,
            @Schema(description = "Seconds since watermark_time: the most an incremental run has to catch up")
            Long lagSeconds,
            @Schema(description = "Since when an ingestion's online write has been pending") OffsetDateTime
                    catchUpPendingSince) {
    }
}

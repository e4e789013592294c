package ai.platform.featurestore.materialization;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A group's materialization state: its schedule, last run, and how far incremental runs have come. */
@Schema(name = "MaterializationSchedule")
public record MaterializationSchedule(UUID featureGroupId, String featureGroup,
        @Schema(description = "Cron expression (UTC); null when the group has no schedule") String cron,
        OffsetDateTime nextRun, OffsetDateTime lastRun,
        @Schema(description = "succeeded or failed: how the last job ended") String lastStatus,
        @Schema(description = "Everything ingested before this time is online (the last incremental run's start)")
        OffsetDateTime watermarkTime,
        @Schema(description = "Since when an ingestion's online write has been pending, waiting for a catch-up run")
        OffsetDateTime catchUpPendingSince,
        String updatedBy) {
}

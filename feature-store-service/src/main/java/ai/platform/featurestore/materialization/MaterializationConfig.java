package ai.platform.featurestore.materialization;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How materialization jobs run ({@code feature-store.materialization.*}). */
@ConfigMapping(prefix = "feature-store.materialization")
public interface MaterializationConfig {

    /** Entities per pipelined Redis batch; a job holds at most {@link #inFlight()} of them in memory. */
    @WithDefault("1000")
    int batchEntities();

    /** Redis batches in flight at once, so reading PostgreSQL and writing Redis overlap. */
    @WithDefault("4")
    int inFlight();

    /** Rows fetched from the offline store's cursor at a time. */
    @WithDefault("2000")
    int fetchRows();

    /**
     * How often a replica looks for due schedules, catch-ups and abandoned jobs
     * ({@code feature-store.materialization.tick}, read by the scheduler).
     */
    @WithDefault("5s")
    Duration tick();

    /** A running job whose heartbeat is older than this was abandoned (its replica died) and is run again. */
    @WithDefault("60s")
    Duration abandonedAfter();

    /** After a failed run, how long until a catch-up of pending online writes is tried again. */
    @WithDefault("30s")
    Duration catchUpRetry();

    /** How many times a job is started before it is failed for good. */
    @WithDefault("3")
    int maxAttempts();
}

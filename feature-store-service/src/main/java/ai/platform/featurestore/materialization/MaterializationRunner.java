package ai.platform.featurestore.materialization;

import ai.platform.featurestore.registry.GroupSchemas;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs claimed jobs in the background of this replica and records how they end: the job's record, the group's
 * state (watermark, last run) and the metrics {@code feature_store_materialization_*}.
 */
@ApplicationScoped
public class MaterializationRunner {

    private static final Logger LOG = Logger.getLogger(MaterializationRunner.class);

    private final GroupSchemas groups;
    private final MaterializationJobs jobs;
    private final MaterializationState state;
    private final Materializer materializer;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final MaterializationConfig config;

    public MaterializationRunner(GroupSchemas groups, MaterializationJobs jobs, MaterializationState state,
            Materializer materializer, MeterRegistry metrics, Vertx vertx, MaterializationConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.groups = groups;
        this.jobs = jobs;
        this.state = state;
        this.materializer = materializer;
        this.metrics = metrics;
    }

    /** Runs a job this replica has claimed, without waiting for it. */
    void start(MaterializationJob job) {
        run(job).subscribe().with(done -> { }, failure -> LOG.errorf(failure,
                "Materialization job %s could not record its end; another replica will run it again", job.id()));
    }

    Uni<Void> run(MaterializationJob job) {
        JobProgress progress = new JobProgress();
        long started = System.nanoTime();
        LOG.infof("Materializing %s (%s job %s, attempt %d)", job.featureGroup(), job.mode(), job.id(),
                job.attempts());
        // A heartbeat on its own clock: a long stretch without a finished batch (rows outside the ttl, the sort of
        // a large incremental read) must not look like a dead replica.
        long heartbeat = vertx.setPeriodic(Math.max(1000, config.abandonedAfter().toMillis() / 4),
                tick -> jobs.heartbeat(job).subscribe().with(done -> { }, failure -> LOG.warnf(
                        "Heartbeat of materialization job %s failed: %s", job.id(), failure.getMessage())));
        return groups.get(job.featureGroupId().toString())
                .flatMap(group -> (job.incremental() ? state.watermark(group.id())
                        : Uni.createFrom().item(new MaterializationState.Watermark(null)))
                        .flatMap(from -> materializer.run(job, group.ttl(), from, progress)))
                .flatMap(snapshot -> jobs.finish(job, progress, null).flatMap(owned -> owned
                        ? state.recordRun(job.featureGroupId(), job.incremental(), snapshot, true).invoke(() -> {
                            count("rows", job, progress.rows());
                            count("values", job, progress.values());
                            Timer.builder("feature_store.materialization.duration").tag("group", job.featureGroup())
                                    .register(metrics).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                            LOG.infof("Materialized %s: %d rows read, %d entities and %d values written",
                                    job.featureGroup(), progress.rows(), progress.entities(), progress.values());
                        })
                        : superseded(job)))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Materialization job %s of %s failed: %s", job.id(), job.featureGroup(),
                            failure.getMessage());
                    count("failures", job, 1);
                    return jobs.finish(job, progress, failure.getMessage()).flatMap(owned -> owned
                            ? state.recordRun(job.featureGroupId(), job.incremental(), null, false)
                            : superseded(job));
                })
                .eventually(() -> vertx.cancelTimer(heartbeat));
    }

    /** Another attempt owns the job now; this one's result is dropped (the watermark stays where that one puts it). */
    private static Uni<Void> superseded(MaterializationJob job) {
        LOG.warnf("Materialization job %s was taken over by a later attempt; attempt %d's result is dropped",
                job.id(), job.attempts());
        return Uni.createFrom().voidItem();
    }

    private void count(String what, MaterializationJob job, long amount) {
        Counter.builder("feature_store.materialization." + what).tag("group", job.featureGroup())
                .register(metrics).increment(amount);
    }
}

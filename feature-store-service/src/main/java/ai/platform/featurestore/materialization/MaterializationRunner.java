package ai.platform.featurestore.materialization;

import ai.platform.featurestore.registry.GroupSchemas;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
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

    public MaterializationRunner(GroupSchemas groups, MaterializationJobs jobs, MaterializationState state,
            Materializer materializer, MeterRegistry metrics) {
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
        return groups.get(job.featureGroupId().toString())
                .flatMap(group -> (job.incremental() ? state.watermark(group.id())
                        : Uni.createFrom().item(new MaterializationState.Watermark(null)))
                        .flatMap(from -> materializer.run(job, group.ttl(), from, progress)))
                .flatMap(snapshot -> state.recordRun(job.featureGroupId(), job.incremental(), snapshot, true)
                        .call(() -> jobs.finish(job.id(), progress, null))
                        .invoke(() -> {
                            count("rows", job, progress.rows());
                            count("values", job, progress.values());
                            Timer.builder("feature_store.materialization.duration").tag("group", job.featureGroup())
                                    .register(metrics).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                            LOG.infof("Materialized %s: %d rows read, %d entities and %d values written",
                                    job.featureGroup(), progress.rows(), progress.entities(), progress.values());
                        }))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Materialization job %s of %s failed: %s", job.id(), job.featureGroup(),
                            failure.getMessage());
                    count("failures", job, 1);
                    return jobs.finish(job.id(), progress, failure.getMessage())
                            .call(() -> state.recordRun(job.featureGroupId(), job.incremental(), null, false));
                });
    }

    private void count(String what, MaterializationJob job, long amount) {
        Counter.builder("feature_store.materialization." + what).tag("group", job.featureGroup())
                .register(metrics).increment(amount);
    }
}

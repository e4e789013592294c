package ai.platform.featurestore.materialization;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Every tick, on every replica: queues the runs of due schedules and the catch-ups of pending online writes, and
 * takes over jobs nobody is running. The database decides which replica does what (row locks and the one-active-
 * job-per-group index), so running several replicas runs each job once.
 */
@ApplicationScoped
public class MaterializationScheduler {

    static final String SYSTEM = "system:materialization-scheduler";

    private final MaterializationState state;
    private final MaterializationJobs jobs;
    private final MaterializationRunner runner;
    private final Redis redis;

    public MaterializationScheduler(MaterializationState state, MaterializationJobs jobs,
            MaterializationRunner runner, Redis redis) {
        this.state = state;
        this.jobs = jobs;
        this.runner = runner;
        this.redis = redis;
    }

    @Scheduled(every = "${feature-store.materialization.tick:5s}", delayed = "${feature-store.materialization.tick:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return state.claimDue().flatMap(due -> queue(due, "schedule"))
                .flatMap(ignored -> catchUps())
                .flatMap(ignored -> jobs.claimStranded())
                .invoke(stranded -> stranded.forEach(runner::start))
                .replaceWithVoid();
    }

    /** Catch-ups only once Redis answers again: until then each would fail at once. */
    private Uni<Void> catchUps() {
        return redis.send(Request.cmd(Command.PING)).map(pong -> true).onFailure().recoverWithItem(false)
                .flatMap(up -> up ? state.catchUpsWanted().flatMap(groups -> queue(groups, "catch_up"))
                        : Uni.createFrom().voidItem());
    }

    /** Queues an incremental job per group (none where one is active already) and starts each one queued. */
    private Uni<Void> queue(List<UUID> groups, String trigger) {
        return Multi.createFrom().iterable(groups)
                .onItem().transformToUniAndConcatenate(group -> jobs.submit(new MaterializationJobs.Submission(
                        group, "incremental", null, null, trigger, SYSTEM)))
                .onItem().transformToUniAndConcatenate(queued -> jobs.claim(queued.id()))
                .invoke(runner::start)
                .collect().last().replaceWithVoid();
    }
}

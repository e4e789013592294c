package ai.platform.lineage.openlineage;

import ai.platform.lineage.LineageConfig;
import ai.platform.lineage.openlineage.OpenLineageIngestor.Result;
import ai.platform.support.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Group commit for requests of one event each. A single event costs about as many statements (node upsert,
 * serializable edge transaction, run upsert) as a batch of fifty, so requests that arrive while earlier groups
 * are being written wait in a bounded queue and are then written together through
 * {@link OpenLineageIngestor#ingestEach}, as one batch. Each request is answered only after the group holding its
 * event is stored (never before), with what its own event did. Nothing that can fail runs after the group's
 * transaction commits (see {@link OpenLineageIngestor#ingestEach}), so a request is never answered with an error
 * for an event that was stored, which would make its client send it again.
 *
 * <p>There is no timer: an idle service writes a lone event at once, and groups form only under load, while
 * {@link LineageConfig.OpenLineage#groupsInFlight()} groups are in flight. A group holds events of one producer
 * (edges record who made them). When a group fails for what one of its events holds (a value PostgreSQL refuses),
 * it is split in halves and each is written again, down to the one request that fails alone; the writes are
 * idempotent, so a part written before the failure is simply written again.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /**
     * SQLSTATE classes that can come from what an event holds: data exceptions (a NUL character, say), integrity
     * constraint violations, program limits (a key too large for its index).
     */
    private static final Set<String> ABOUT_THE_DATA = Set.of("22", "23", "54");

    private final OpenLineageIngestor ingestor;
    private final LineageConfig.OpenLineage config;
    private final DistributionSummary groupSizes;
    private final Counter splits;
    private final Timer writes;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;

    public GroupCommit(OpenLineageIngestor ingestor, LineageConfig config, MeterRegistry metrics) {
        this.ingestor = ingestor;
        this.config = config.openlineage();
        this.groupSizes = DistributionSummary.builder("lineage.openlineage.group.events")
                .description("Events per group commit of single-event OpenLineage requests")
                .register(metrics);
        this.splits = Counter.builder("lineage.openlineage.group.splits")
                .description("Groups split in halves to single out an event the database refused")
                .register(metrics);
        this.writes = Timer.builder("lineage.openlineage.group.write")
                .description("Time to write a group and answer its requests, splits included")
                .register(metrics);
    }

    /** A request waiting for its group; answered on its own Vert.x context, where its request runs. */
    private record Pending(List<LineageEvent> events, String producer, UniEmitter<? super Result> answer,
            Context context) {

        void complete(Result result) {
            on(() -> answer.complete(result));
        }

        void fail(Throwable failure) {
            on(() -> answer.fail(failure));
        }

        private void on(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    /** Writes the (already valid) events with others' and answers once they are stored. */
    public Uni<Result> submit(List<LineageEvent> events, String producer) {
        return Uni.createFrom().emitter(answer -> {
            boolean queued;
            synchronized (this) {
                queued = queue.size() < config.queueCapacity();
                if (queued) {
                    queue.add(new Pending(events, producer, answer, Vertx.currentContext()));
                }
            }
            if (!queued) {
                answer.fail(ProblemException.unavailable("Too many lineage events are waiting to be written ("
                        + config.queueCapacity() + " requests); nothing was written, retry shortly"));
                return;
            }
            drain();
        });
    }

    /** Starts groups while there are waiting requests and room in flight. */
    private void drain() {
        while (true) {
            List<Pending> group;
            synchronized (this) {
                if (queue.isEmpty() || inFlight >= config.groupsInFlight()) {
                    return;
                }
                group = take();
                inFlight++;
            }
            groupSizes.record(group.stream().mapToInt(p -> p.events().size()).sum());
            Timer.Sample started = Timer.start();
            write(group).subscribe().with(ignored -> {
                started.stop(writes);
                finished();
            }, failure -> {
                // write answers every request itself; a failure here is a fault of this class.
                LOG.error("Group commit failed to answer its requests", failure);
                group.forEach(p -> p.fail(failure));
                finished();
            });
        }
    }

    private void finished() {
        synchronized (this) {
            inFlight--;
        }
        drain();
    }

    /** The oldest request and those after it from the same producer, up to the group's size; call holding the lock. */
    private List<Pending> take() {
        List<Pending> group = new ArrayList<>();
        Pending first = queue.poll();
        group.add(first);
        int events = first.events().size();
        for (Iterator<Pending> it = queue.iterator(); it.hasNext() && events < config.groupMaxEvents(); ) {
            Pending next = it.next();
            if (next.producer().equals(first.producer())
                    && events + next.events().size() <= config.groupMaxEvents()) {
                it.remove();
                group.add(next);
                events += next.events().size();
            }
        }
        return group;
    }

    /** Writes the group and answers each of its requests; never fails itself. */
    private Uni<Void> write(List<Pending> group) {
        // Deferred, so that an exception thrown while turning events into rows fails this Uni (and is split on
        // like any other) instead of escaping drain() with the group counted in flight forever.
        return Uni.createFrom().deferred(() -> ingestor.ingestEach(group.stream().map(Pending::events).toList(),
                        group.get(0).producer()))
                .onItemOrFailure().transformToUni((results, failure) -> {
                    if (failure == null) {
                        for (int i = 0; i < group.size(); i++) {
                            group.get(i).complete(results.get(i));
                        }
                        return Uni.createFrom().voidItem();
                    }
                    if (group.size() == 1 || !mayBeAboutTheEvents(failure)) {
                        Throwable answer = StorageRefusals.answer(failure);
                        group.forEach(p -> p.fail(answer));
                        return Uni.createFrom().voidItem();
                    }
                    // One event may hold what the database refuses: halve the group until that request is alone.
                    splits.increment();
                    List<Pending> first = group.subList(0, group.size() / 2);
                    List<Pending> second = group.subList(group.size() / 2, group.size());
                    return write(first).flatMap(ignored -> write(second));
                });
    }

    /**
     * Whether splitting could single out the cause: PostgreSQL refusing a value, or a fault in turning some event
     * into rows. Not when the group already has its answer (a 503 after conflicting too often) or the database
     * is unreachable: every part would fail alike.
     */
    static boolean mayBeAboutTheEvents(Throwable failure) {
        if (failure instanceof PgException pg) {
            String state = pg.getSqlState();
            return state != null && state.length() == 5 && ABOUT_THE_DATA.contains(state.substring(0, 2));
        }
        return failure instanceof RuntimeException && !(failure instanceof ProblemException)
                && !(failure instanceof VertxException);
    }
}

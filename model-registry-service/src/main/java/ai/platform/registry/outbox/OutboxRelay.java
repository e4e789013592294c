package ai.platform.registry.outbox;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Delivers the registry's outboxes (lineage events, webhook deliveries): messages written in the transaction of
 * the change they report, sent afterwards by a {@link Courier}, retried with exponential backoff until delivered
 * (or, where the courier allows it, given up on). The registry's own requests never wait for a receiver.
 *
 * <p>Due messages are claimed by pushing their next attempt a lease ahead, in a short transaction with
 * {@code FOR UPDATE SKIP LOCKED}: replicas share the work without sending a message twice, and no row lock or
 * connection is held while a slow receiver answers. A replica that dies mid-send leaves its claim to expire, and
 * the message is sent again: delivery is at least once.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final List<Courier> couriers;
    private final Vertx vertx;

    public OutboxRelay(Pool pool, @All List<Courier> couriers, Vertx vertx) {
        this.pool = pool;
        this.couriers = couriers;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        for (Courier courier : couriers) {
            if (courier.settings().enabled()) {
                scheduleNext(courier);
            } else {
                LOG.infof("Delivery of %s is off: messages stay in the outbox", courier.settings().table());
            }
        }
    }

    /** One batch per tick; the next tick is set only when this one is done, so batches never overlap. */
    private void scheduleNext(Courier courier) {
        vertx.setTimer(courier.settings().interval().toMillis(), id -> deliverDue(courier).subscribe().with(
                delivered -> scheduleNext(courier),
                failure -> {
                    LOG.warnf("Delivery from %s failed, will retry: %s", courier.settings().table(), failure);
                    scheduleNext(courier);
                }));
    }

    /** Claims, sends and records one batch of due messages; the number delivered. */
    Uni<Integer> deliverDue(Courier courier) {
        Courier.Settings settings = courier.settings();
        return pool.preparedQuery("UPDATE " + settings.table()
                        + " SET next_attempt_at = now() + $2 * interval '1 second'"
                        + " WHERE id IN (SELECT id FROM " + settings.table()
                        + "   WHERE delivered_at IS NULL AND next_attempt_at <= now()"
                        + "   ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, " + settings.columns())
                .execute(Tuple.of(settings.batchSize(), settings.lease().toSeconds()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Row> claimed = new ArrayList<>();
                    rows.forEach(claimed::add);
                    claimed.sort(Comparator.comparingLong(row -> row.getLong("id")));
                    return courier.send(claimed).flatMap(outcomes -> record(settings, outcomes));
                });
    }

    /**
     * One statement for the whole batch. A failure waits 1 s, 2 s, 4 s ... up to the courier's longest backoff;
     * after its last attempt (or at once, when the courier says it is refused for good) a message's next attempt is
     * 'infinity': given up, kept as history. The exponent is
     * capped at 30 (2^30 s is decades, past any longest backoff): LEAST evaluates both its arguments, and from 44
     * attempts on (a lineage outage of a few hours, as lineage never gives up) 2^attempts seconds is out of the
     * interval range, which would fail the statement and so the recording of the whole batch.
     */
    private Uni<Integer> record(Courier.Settings settings, List<Courier.Outcome> outcomes) {
        int size = outcomes.size();
        Long[] ids = new Long[size];
        Boolean[] delivered = new Boolean[size];
        Boolean[] givenUp = new Boolean[size];
        Integer[] codes = new Integer[size];
        String[] errors = new String[size];
        int succeeded = 0;
        for (int i = 0; i < size; i++) {
            Courier.Outcome outcome = outcomes.get(i);
            ids[i] = outcome.id();
            delivered[i] = outcome.delivered();
            givenUp[i] = outcome.givenUp();
            codes[i] = outcome.responseCode();
            errors[i] = outcome.error();
            if (outcome.delivered()) {
                succeeded++;
            } else if (outcome.givenUp()) {
                LOG.errorf("%s message %d refused, given up on: %s", settings.table(), outcome.id(), outcome.error());
            } else {
                LOG.warnf("%s message %d not delivered: %s", settings.table(), outcome.id(), outcome.error());
            }
        }
        int count = succeeded;
        return pool.preparedQuery("UPDATE " + settings.table() + " t SET attempts = t.attempts + 1,"
                        + " response_code = o.code, last_error = o.error,"
                        + " delivered_at = CASE WHEN o.ok THEN now() END,"
                        + " next_attempt_at = CASE WHEN o.ok THEN now()"
                        + "   WHEN o.give_up OR $5 > 0 AND t.attempts + 1 >= $5 THEN 'infinity'::timestamptz"
                        + "   ELSE now() + LEAST($6 * interval '1 second',"
                        + "     interval '1 second' * power(2, LEAST(t.attempts, 30)))"
                        + " END"
                        + " FROM unnest($1::bigint[], $2::bool[], $3::int[], $4::text[], $7::bool[])"
                        + "   AS o(id, ok, code, error, give_up)"
                        + " WHERE t.id = o.id")
                .execute(Tuple.from(new Object[] {ids, delivered, codes, errors, settings.maxAttempts(),
                        settings.maxBackoff().toSeconds(), givenUp}))
                .map(rows -> count);
    }
}

package ai.platform.registry.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.util.List;

/**
 * Sends the messages of one outbox table for the {@link OutboxRelay}. The relay owns the table's bookkeeping
 * (claiming due rows, attempts, backoff, giving up); a courier only knows where its messages go and how.
 */
public interface Courier {

    /** The outbox table and how the relay treats it. */
    Settings settings();

    /**
     * Sends claimed messages (rows of {@code id} and {@link Settings#columns()}, oldest first) and says how each
     * went. Does not fail: a message that could not be sent is an outcome like any other.
     */
    Uni<List<Outcome>> send(List<Row> messages);

    /**
     * @param table the outbox table: {@code id BIGSERIAL, attempts, next_attempt_at, delivered_at, response_code,
     *         last_error} besides what its messages hold
     * @param columns the columns {@link #send} reads
     * @param enabled whether the relay delivers this outbox at all (messages are recorded either way)
     * @param interval how often the relay looks for due messages
     * @param batchSize messages claimed at once
     * @param maxBackoff the longest wait between two attempts (waits double from one second up to it)
     * @param maxAttempts attempts before the relay gives up on a message; 0 never gives up
     * @param lease how long the relay's claim on a batch holds: longer than {@link #send} can take (it is not
     *         claimed again meanwhile, which would send it twice), short enough to resend soon what a replica that
     *         died mid-send had claimed
     */
    record Settings(String table, String columns, boolean enabled, Duration interval, int batchSize,
            Duration maxBackoff, int maxAttempts, Duration lease) {
    }

    /**
     * How sending one message went: a response code when there was a response, an error unless delivered;
     * {@code givenUp} when it must not be tried again (its receiver refuses it for what it is, not for a while).
     */
    record Outcome(long id, boolean delivered, boolean givenUp, Integer responseCode, String error) {

        public static Outcome delivered(long id, int responseCode) {
            return new Outcome(id, true, false, responseCode, null);
        }

        /** Not delivered this time: tried again after a backoff (while attempts remain). */
        public static Outcome failed(long id, Integer responseCode, String error) {
            return new Outcome(id, false, false, responseCode, error);
        }

        /** Not delivered, and never will be: given up on now, kept with its error as history. */
        public static Outcome givenUp(long id, Integer responseCode, String error) {
            return new Outcome(id, false, true, responseCode, error);
        }
    }
}

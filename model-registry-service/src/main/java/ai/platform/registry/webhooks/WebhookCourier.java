package ai.platform.registry.webhooks;

import ai.platform.registry.RegistryConfig;
import ai.platform.registry.outbox.Courier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends {@code webhook_deliveries}: each a POST of the event's JSON to its webhook's URL, signed (see
 * {@link WebhookSignature}), all of a batch at once. A 2xx answer delivers it; anything else is retried with
 * backoff, up to {@code registry.webhooks.max-attempts}; one to an address {@link WebhookTargets} refuses is given up
 * on at once.
 *
 * <p>Each delivery has one deadline, {@code registry.webhooks.timeout}, for all of it: connecting, sending, and the
 * answer's status. A receiver that answers a byte at a time cannot stretch it (an idle timeout would restart with
 * each byte), and since a batch waits for its slowest delivery, the deadline is what keeps one slow receiver from
 * holding the others longer than that, and the batch within the relay's claim on it.
 */
@ApplicationScoped
public class WebhookCourier implements Courier {

    /** What is kept of an answer's body, for the history; the rest is not read. */
    static final int MAX_KEPT_BODY = 4096;

    /** Stored with an attempt, so that a long error message does not fill the history. */
    private static final int MAX_ERROR_LENGTH = 500;

    /** The relay's claim on a batch: the batch ends by the deadline, so this is never overrun. */
    private static final Duration MIN_LEASE = Duration.ofMinutes(2);

    private final Pool pool;
    private final WebhookTargets targets;
    private final Vertx vertx;
    private final HttpClient http;
    private final long timeoutMillis;
    private final Settings settings;

    public WebhookCourier(Pool pool, WebhookTargets targets, io.vertx.mutiny.core.Vertx vertx,
            RegistryConfig config) {
        RegistryConfig.Webhooks webhooks = config.webhooks();
        this.pool = pool;
        this.targets = targets;
        this.vertx = vertx.getDelegate();
        this.timeoutMillis = webhooks.timeout().toMillis();
        this.http = this.vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeoutMillis));
        Duration lease = webhooks.timeout().multipliedBy(2).compareTo(MIN_LEASE) > 0
                ? webhooks.timeout().multipliedBy(2) : MIN_LEASE;
        this.settings = new Settings("webhook_deliveries", "webhook_id, event_type, payload", webhooks.enabled(),
                webhooks.interval(), webhooks.batchSize(), webhooks.maxBackoff(), webhooks.maxAttempts(), lease);
    }

    @Override
    public Settings settings() {
        return settings;
    }

    private record Target(String url, String secret) {
    }

    @Override
    public Uni<List<Outcome>> send(List<Row> messages) {
        UUID[] webhookIds = messages.stream().map(row -> row.getUUID("webhook_id")).distinct().toArray(UUID[]::new);
        return pool.preparedQuery("SELECT id, url, secret FROM webhooks WHERE id = ANY($1)")
                .execute(Tuple.of(webhookIds))
                .flatMap(rows -> {
                    Map<UUID, Target> targets = new HashMap<>();
                    rows.forEach(row -> targets.put(row.getUUID("id"),
                            new Target(row.getString("url"), row.getString("secret"))));
                    return Uni.join().all(messages.stream()
                            .map(message -> post(message, targets.get(message.getUUID("webhook_id"))))
                            .toList()).andFailFast();
                });
    }

    private Uni<Outcome> post(Row message, Target target) {
        long id = message.getLong("id");
        if (target == null) {
            // Deleted while the delivery was claimed: its rows go with it, nothing to record.
            return Uni.createFrom().item(Outcome.failed(id, null, "The webhook was deleted"));
        }
        byte[] body = message.getJsonObject("payload").encode().getBytes(StandardCharsets.UTF_8);
        long timestamp = System.currentTimeMillis() / 1000;
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setConnectTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "ai-platform-model-registry-webhooks")
                .putHeader(WebhookSignature.EVENT_HEADER, message.getString("event_type"))
                .putHeader(WebhookSignature.DELIVERY_HEADER, Long.toString(id))
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(target.secret(), timestamp, body));
        return Uni.createFrom().completionStage(() -> attempt(id, target.url(), request, body).toCompletionStage())
                .onFailure().recoverWithItem(failure -> failure instanceof WebhookTargets.Refused refused
                        // Policy, not an outage: retrying cannot help, and each try would reach for the address.
                        ? Outcome.givenUp(id, null, truncate("Not sent: the URL " + refused.getMessage()))
                        : Outcome.failed(id, null, truncate(failure.toString())));
    }

    /**
     * One attempt, decided by the deadline at the latest: a receiver still silent then (or still sending its status
     * line and headers) has failed it; one whose status came but whose body is still coming has answered with that
     * status. Either way its connection is reset, so it holds nothing of ours afterwards.
     */
    private Future<Outcome> attempt(long id, String url, RequestOptions options, byte[] body) {
        Attempt attempt = new Attempt(id);
        long deadline = vertx.setTimer(timeoutMillis, fired -> attempt.cutOff(timeoutMillis));
        // The host is looked up (and checked) within the deadline, as connecting is.
        targets.pin(url, options).compose(http::request).onComplete(created -> {
            if (created.failed()) {
                attempt.outcome.tryFail(created.cause());
                return;
            }
            HttpClientRequest request = created.result();
            attempt.request.set(request);
            if (attempt.outcome.future().isComplete()) {
                // The deadline passed while connecting.
                request.reset();
                return;
            }
            request.send(Buffer.buffer(body)).onComplete(answered -> {
                if (answered.failed()) {
                    attempt.outcome.tryFail(answered.cause());
                } else {
                    attempt.read(answered.result());
                }
            });
        });
        return attempt.outcome.future().onComplete(done -> vertx.cancelTimer(deadline));
    }

    /**
     * The state of one attempt. The deadline's timer may run on another event loop than the response's handlers:
     * what both touch is synchronized.
     */
    private static final class Attempt {

        private final long id;
        private final Promise<Outcome> outcome = Promise.promise();
        private final AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        private final Buffer kept = Buffer.buffer();
        private volatile Integer status;
        private volatile boolean ended;

        Attempt(long id) {
            this.id = id;
        }

        /**
         * The status decides; of the body, at most {@link #MAX_KEPT_BODY} bytes are kept (the start of an error
         * page is what the history needs). A body that ends within that is read to its end, so the connection
         * serves the next delivery; a longer one is not read further: the connection is reset, not drained.
         */
        void read(HttpClientResponse response) {
            status = response.statusCode();
            response.exceptionHandler(outcome::tryFail);
            response.handler(this::append);
            response.endHandler(end -> {
                ended = true;
                finish();
            });
        }

        private synchronized void append(Buffer chunk) {
            int room = MAX_KEPT_BODY - kept.length();
            kept.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            if (chunk.length() > room) {
                finish();
            }
        }

        synchronized void cutOff(long timeoutMillis) {
            if (status != null) {
                finish();
            } else if (outcome.tryFail(new TimeoutException("No answer within " + timeoutMillis + " ms"))
                    && request.get() != null) {
                request.get().reset();
            }
        }

        /** Decided by the status; the connection is reset unless the body was read to its end. */
        private synchronized void finish() {
            if (outcome.tryComplete(WebhookCourier.outcome(id, status, kept)) && !ended) {
                request.get().reset();
            }
        }
    }

    private static Outcome outcome(long id, int status, Buffer body) {
        if (status >= 200 && status < 300) {
            return Outcome.delivered(id, status);
        }
        // Text for the history: PostgreSQL's text holds no NUL, which a binary answer may contain.
        String excerpt = body.toString(StandardCharsets.UTF_8).replace('\0', '\uFFFD');
        return Outcome.failed(id, status, excerpt.isBlank() ? "HTTP " + status : "HTTP " + status + ": " + excerpt);
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}

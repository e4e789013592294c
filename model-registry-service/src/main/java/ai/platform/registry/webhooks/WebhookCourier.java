package ai.platform.registry.webhooks;

import ai.platform.registry.RegistryConfig;
import ai.platform.registry.outbox.Courier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends {@code webhook_deliveries}: each a POST of the event's JSON to its webhook's URL, signed (see
 * {@link WebhookSignature}), all of a batch at once. A 2xx answer delivers it; anything else is retried with
 * backoff, up to {@code registry.webhooks.max-attempts}.
 */
@ApplicationScoped
public class WebhookCourier implements Courier {

    /** Stored with an attempt, so that a receiver's long error page does not fill the history. */
    private static final int MAX_ERROR_LENGTH = 500;

    private final Pool pool;
    private final HttpClient http;
    private final long timeoutMillis;
    private final Settings settings;

    public WebhookCourier(Pool pool, Vertx vertx, RegistryConfig config) {
        RegistryConfig.Webhooks webhooks = config.webhooks();
        this.pool = pool;
        this.timeoutMillis = webhooks.timeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeoutMillis));
        this.settings = new Settings("webhook_deliveries", "webhook_id, event_type, payload", webhooks.enabled(),
                webhooks.interval(), webhooks.batchSize(), webhooks.maxBackoff(), webhooks.maxAttempts());
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
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.url())
                .setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "ai-platform-model-registry-webhooks")
                .putHeader(WebhookSignature.EVENT_HEADER, message.getString("event_type"))
                .putHeader(WebhookSignature.DELIVERY_HEADER, Long.toString(id))
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(target.secret(), timestamp, body));
        return http.request(request)
                .flatMap(sent -> sent.send(Buffer.buffer(body)))
                // The answer's body is read (and dropped) so that the connection can serve the next delivery.
                .flatMap(response -> response.body().map(ignored -> response.statusCode()))
                .map(status -> status >= 200 && status < 300 ? Outcome.delivered(id, status)
                        : Outcome.failed(id, status, "HTTP " + status))
                .onFailure().recoverWithItem(failure -> Outcome.failed(id, null, truncate(failure.toString())));
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}

package ai.platform.registry.lineage;

import ai.platform.registry.RegistryConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox to the lineage service, oldest first, in batches, until it accepts them. A batch is
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas share the work without sending an event
 * twice; a refused or failed batch is retried with exponential backoff (up to five minutes apart). The
 * registry's own requests never wait for lineage: a lineage outage only delays the graph.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final LineageClient lineage;
    private final RegistryConfig.Lineage config;
    private final Vertx vertx;

    public OutboxRelay(Pool pool, @RestClient LineageClient lineage, RegistryConfig config, Vertx vertx) {
        this.pool = pool;
        this.lineage = lineage;
        this.config = config.lineage();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            scheduleNext();
        } else {
            LOG.info("Lineage delivery is off: events stay in the outbox");
        }
    }

    /** One batch per tick; the next tick is set only when this one is done, so batches never overlap. */
    private void scheduleNext() {
        vertx.setTimer(config.interval().toMillis(), id -> deliverDue().subscribe().with(
                delivered -> scheduleNext(),
                failure -> {
                    LOG.warnf("Lineage delivery failed, will retry: %s", failure.toString());
                    scheduleNext();
                }));
    }

    /** Delivers one batch of due events; the number delivered. */
    public Uni<Integer> deliverDue() {
        return pool.withTransaction(sql -> sql.preparedQuery("SELECT id, event FROM lineage_outbox"
                        + " WHERE delivered_at IS NULL AND next_attempt_at <= now()"
                        + " ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Long> ids = new ArrayList<>();
                    JsonArray events = new JsonArray();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        events.add(row.getJsonObject("event"));
                    }
                    return lineage.send(config.token().map(t -> "Bearer " + t).orElse(null), events)
                            .onItemOrFailure().transformToUni((response, failure) -> {
                                String error = failure != null ? failure.toString()
                                        : response.getStatus() >= 300 ? "HTTP " + response.getStatus() : null;
                                return error == null ? delivered(sql, ids) : retryLater(sql, ids, error);
                            });
                }));
    }

    private static Uni<Integer> delivered(SqlConnection sql, List<Long> ids) {
        return sql.preparedQuery("UPDATE lineage_outbox SET delivered_at = now(), attempts = attempts + 1,"
                        + " last_error = NULL WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .map(rows -> ids.size());
    }

    private static Uni<Integer> retryLater(SqlConnection sql, List<Long> ids, String error) {
        LOG.warnf("The lineage service did not take %d event(s): %s; retrying later", ids.size(), error);
        return sql.preparedQuery("UPDATE lineage_outbox SET attempts = attempts + 1, last_error = $2,"
                        + " next_attempt_at = now() + LEAST(interval '5 minutes', interval '1 second' * power(2, attempts))"
                        + " WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]), error))
                .map(rows -> 0);
    }
}

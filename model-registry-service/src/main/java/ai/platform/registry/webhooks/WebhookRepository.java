package ai.platform.registry.webhooks;

import ai.platform.support.paging.PageRequest;
import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Webhooks and their delivery history, through the reactive client. */
@ApplicationScoped
public class WebhookRepository {

    private final Pool pool;

    public WebhookRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Webhook> create(WebhookRequest request, String secret, String createdBy) {
        String[] events = request.events().stream().map(WebhookEvent::toString).distinct().toArray(String[]::new);
        // Bound to the model when it exists already; otherwise when a model of that name is registered.
        return pool.preparedQuery("INSERT INTO webhooks (url, events, model_name, secret, description, created_by,"
                        + " model_id) VALUES ($1, $2, $3, $4, $5, $6,"
                        + " (SELECT id FROM registered_models WHERE name = $7)) RETURNING " + Webhook.COLUMNS)
                .execute(Tuple.from(new Object[] {request.url(), events, request.modelName(), secret,
                        request.description(), createdBy, request.modelName()}))
                .map(rows -> Webhook.from(rows.iterator().next()));
    }

    /** Newest first; the cursor is {@code created_at|id} of the last one returned. */
    public Uni<List<Webhook>> list(PageRequest page) {
        OffsetDateTime afterTime = null;
        UUID afterId = null;
        if (page.cursor() != null) {
            try {
                String[] cursor = page.cursor().split("\\|", 2);
                afterTime = OffsetDateTime.parse(cursor[0]);
                afterId = UUID.fromString(cursor[1]);
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("page_token", "is not a token this list returned");
            }
        }
        return pool.preparedQuery("SELECT " + Webhook.COLUMNS + " FROM webhooks"
                        + " WHERE ($1::timestamptz IS NULL OR (created_at, id) < ($1, $2::uuid))"
                        + " ORDER BY created_at DESC, id DESC LIMIT $3")
                .execute(Tuple.of(afterTime, afterId, page.fetchSize()))
                .map(WebhookRepository::webhooks);
    }

    public Uni<Webhook> get(UUID id) {
        return pool.preparedQuery("SELECT " + Webhook.COLUMNS + " FROM webhooks WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Webhook", id);
                    }
                    return Webhook.from(rows.iterator().next());
                });
    }

    /** Deletes a webhook with its delivery history; what was still to be sent is not sent. */
    public Uni<Void> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM webhooks WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("Webhook", id);
                    }
                    return null;
                });
    }

    /** A webhook's deliveries, newest first, optionally of one status; the cursor is the last id returned. */
    public Uni<List<Delivery>> deliveries(UUID webhook, Delivery.Status status, PageRequest page) {
        Long before = null;
        if (page.cursor() != null) {
            try {
                before = Long.parseLong(page.cursor());
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("page_token", "is not a token this list returned");
            }
        }
        Long after = before;
        return get(webhook).flatMap(found -> pool.preparedQuery(Delivery.SELECT
                        + " WHERE webhook_id = $1 AND ($2::bigint IS NULL OR id < $2)"
                        + " AND ($3::text IS NULL OR status = $3) ORDER BY id DESC LIMIT $4")
                .execute(Tuple.of(webhook, after, status == null ? null : status.toString(), page.fetchSize()))
                .map(rows -> {
                    List<Delivery> deliveries = new ArrayList<>();
                    rows.forEach(row -> deliveries.add(Delivery.from(row)));
                    return deliveries;
                }));
    }

    private static List<Webhook> webhooks(RowSet<Row> rows) {
        List<Webhook> webhooks = new ArrayList<>();
        rows.forEach(row -> webhooks.add(Webhook.from(row)));
        return webhooks;
    }
}

package ai.platform.registry.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One delivery of an event to a webhook, with how its attempts went. */
@Schema(name = "WebhookDelivery")
public record Delivery(long id, UUID eventId, String eventType, Status status, int attempts, Integer responseCode,
        String lastError, OffsetDateTime createdAt, OffsetDateTime deliveredAt,
        @Schema(description = "When the next attempt is due; absent once delivered or given up on")
        OffsetDateTime nextAttemptAt,
        Map<String, Object> payload) {

    /** Pending (not yet or not yet successfully sent, retrying), delivered, or failed (given up on). */
    public enum Status {
        PENDING, DELIVERED, FAILED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The columns {@link #from} reads, {@code status} derived from them. */
    static final String SELECT = "SELECT * FROM (SELECT id, webhook_id, event_id, event_type, payload, created_at,"
            + " attempts, delivered_at, response_code, last_error, next_attempt_at,"
            + " CASE WHEN delivered_at IS NOT NULL THEN 'delivered'"
            + "   WHEN next_attempt_at = 'infinity' THEN 'failed' ELSE 'pending' END AS status"
            + " FROM webhook_deliveries) d";

    static Delivery from(Row row) {
        Status status = Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT));
        return new Delivery(row.getLong("id"), row.getUUID("event_id"), row.getString("event_type"), status,
                row.getInteger("attempts"), row.getInteger("response_code"), row.getString("last_error"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("delivered_at"),
                status == Status.PENDING ? row.getOffsetDateTime("next_attempt_at") : null,
                row.getJsonObject("payload").getMap());
    }
}

package ai.platform.registry.webhooks;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records the deliveries an event owes, one per webhook subscribed to it, in the transaction of the change: a
 * change that rolls back notifies nobody, one that commits notifies every subscriber (see
 * {@link WebhookCourier}). The payloads are built here, field by field, as the contract receivers code against.
 */
public final class WebhookOutbox {

    private WebhookOutbox() {
    }

    /** Binds the webhooks waiting for a model of this name to it, then tells them (and all others) it was created. */
    public static Uni<Void> modelCreated(SqlClient transaction, UUID modelId, String model, String description,
            String project, String createdBy) {
        return bind(transaction, modelId, model).flatMap(v -> enqueue(transaction, WebhookEvent.MODEL_CREATED, model,
                new JsonObject().put("name", model).put("description", description).put("project", project)
                        .put("created_by", createdBy)));
    }

    /**
     * A model was renamed: its webhooks follow it (they are bound to its id, and show its new name), and those
     * waiting for a model of the new name are bound to it, as when a model of that name is registered.
     */
    public static Uni<Void> modelRenamed(SqlClient transaction, UUID modelId, String newName) {
        return bind(transaction, modelId, newName);
    }

    private static Uni<Void> bind(SqlClient transaction, UUID modelId, String name) {
        return transaction.preparedQuery("UPDATE webhooks SET model_id = $1, model_name = $2"
                        + " WHERE model_id = $1 OR (model_id IS NULL AND model_name = $2)")
                .execute(Tuple.of(modelId, name)).replaceWithVoid();
    }

    public static Uni<Void> versionCreated(SqlClient transaction, String model, int version, String modelUri,
            String runId, String status, String createdBy) {
        return enqueue(transaction, WebhookEvent.VERSION_CREATED, model, new JsonObject().put("name", model)
                .put("version", version).put("model_uri", modelUri).put("run_id", runId).put("status", status)
                .put("created_by", createdBy));
    }

    public static Uni<Void> stageChanged(SqlClient transaction, String model, int version, String fromStage,
            String toStage, String transitionedBy, String comment) {
        return enqueue(transaction, WebhookEvent.STAGE_CHANGED, model, new JsonObject().put("name", model)
                .put("version", version).put("from_stage", fromStage).put("to_stage", toStage)
                .put("transitioned_by", transitionedBy).put("comment", comment));
    }

    /** {@code previousVersion}: where the alias pointed before, null when it is new. */
    public static Uni<Void> aliasSet(SqlClient transaction, String model, String alias, int version,
            Integer previousVersion, String setBy) {
        return enqueue(transaction, WebhookEvent.ALIAS_SET, model, new JsonObject().put("name", model)
                .put("alias", alias).put("version", version).put("previous_version", previousVersion)
                .put("set_by", setBy));
    }

    /** One event id for all its deliveries, so a receiver subscribed twice can tell it got the same event. */
    private static Uni<Void> enqueue(SqlClient transaction, WebhookEvent type, String model, JsonObject data) {
        UUID eventId = UUID.randomUUID();
        JsonObject payload = new JsonObject().put("id", eventId.toString()).put("type", type.toString())
                .put("occurred_at", OffsetDateTime.now(ZoneOffset.UTC).toString()).put("data", data);
        return transaction.preparedQuery("INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, payload)"
                        + " SELECT id, $1, $2::text, $3 FROM webhooks"
                        // By the model's id, not its name: a renamed model keeps its subscribers.
                        + " WHERE $2::text = ANY(events) AND (model_name IS NULL"
                        + "   OR model_id = (SELECT id FROM registered_models WHERE name = $4))")
                .execute(Tuple.of(eventId, type.toString(), payload, model))
                .replaceWithVoid();
    }
}

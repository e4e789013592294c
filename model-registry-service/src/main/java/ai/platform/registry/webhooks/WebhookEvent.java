package ai.platform.registry.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;

/** The registry events a webhook can subscribe to, by the names deliveries carry in {@code X-Platform-Event}. */
public enum WebhookEvent {
    MODEL_CREATED("model.created"),
    VERSION_CREATED("version.created"),
    STAGE_CHANGED("version.stage_changed"),
    ALIAS_SET("alias.set");

    private final String label;

    WebhookEvent(String label) {
        this.label = label;
    }

    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}

package ai.platform.registry.models;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a model list is ordered: by name, or newest first. */
public enum ModelOrder {
    NAME("name"), NEWEST("newest");

    private final String label;

    ModelOrder(String label) {
        this.label = label;
    }

    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}

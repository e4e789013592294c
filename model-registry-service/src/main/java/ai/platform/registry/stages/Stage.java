package ai.platform.registry.stages;

import com.fasterxml.jackson.annotation.JsonValue;

/** The lifecycle stages of a model version, spelt as MLflow spells them. */
public enum Stage {
    NONE("None"), STAGING("Staging"), PRODUCTION("Production"), ARCHIVED("Archived");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public static Stage of(String label) {
        for (Stage stage : values()) {
            if (stage.label.equalsIgnoreCase(label) || stage.name().equalsIgnoreCase(label)) {
                return stage;
            }
        }
        throw new IllegalArgumentException(label);
    }

    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}

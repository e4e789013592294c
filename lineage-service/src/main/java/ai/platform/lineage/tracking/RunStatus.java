package ai.platform.lineage.tracking;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A run's state: running until it ends as completed, failed or aborted, after which it does not change. */
public enum RunStatus {
    RUNNING, COMPLETED, FAILED, ABORTED;

    public boolean terminal() {
        return this != RUNNING;
    }

    public static RunStatus of(String stored) {
        return stored == null ? RUNNING : valueOf(stored.toUpperCase(Locale.ROOT));
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

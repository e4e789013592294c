package ai.platform.registry.versioning;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A version is pending until its artifacts are complete, then ready (or failed); archived when retired. */
public enum VersionStatus {
    PENDING, READY, FAILED, ARCHIVED;

    public static VersionStatus of(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package ai.platform.featurestore.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a group's data arrives: in batches from a table or file, or as a stream of events. */
public enum SourceType {
    BATCH, STREAM;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package ai.platform.lineage.graph;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which way a walk goes: to what a node came from, to what came from it, or both (ancestors and descendants). */
public enum Direction {
    UPSTREAM, DOWNSTREAM, BOTH;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

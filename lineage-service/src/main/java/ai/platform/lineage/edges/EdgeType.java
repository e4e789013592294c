package ai.platform.lineage.edges;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Data flows from a dataset into a run and from a run into what it produced; execution flows from job to run. */
public enum EdgeType {
    DATA_FLOW, EXECUTION_FLOW;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

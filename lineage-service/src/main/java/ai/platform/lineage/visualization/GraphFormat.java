package ai.platform.lineage.visualization;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a subgraph is answered: as JSON, Graphviz DOT, Mermaid, or Cytoscape.js elements. */
public enum GraphFormat {
    JSON("application/json"),
    DOT("text/vnd.graphviz"),
    MERMAID("text/vnd.mermaid"),
    CYTOSCAPE("application/json");

    private final String mediaType;

    GraphFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

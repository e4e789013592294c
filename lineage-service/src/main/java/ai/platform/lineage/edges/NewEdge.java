package ai.platform.lineage.edges;

import java.util.Map;
import java.util.UUID;

/** An edge to be added between two stored nodes. */
public record NewEdge(UUID source, UUID target, EdgeType type, Map<String, Object> metadata) {
}

package ai.platform.lineage.edges;

import ai.platform.lineage.nodes.NodeRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/lineage/edge}: both nodes must exist. */
@Schema(name = "LineageEdgeRequest")
public record EdgeRequest(
        @Valid @NotNull NodeRef source,
        @Valid @NotNull NodeRef target,
        @Schema(description = "data_flow when absent") EdgeType edgeType,
        Map<String, Object> metadata) {
}

package ai.platform.lineage.nodes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/lineage/node}. */
@Schema(name = "LineageNodeRequest")
public record NodeRequest(
        @Schema(examples = "dataset") @NotBlank String nodeType,
        @Schema(description = "The node's id in the system it comes from", examples = "s3://bucket/orders")
        @NotBlank @Size(max = 255) String nodeId,
        @Size(max = 255) String name,
        @Schema(description = "Merged into the node's metadata if it exists")
        Map<String, Object> metadata) {
}

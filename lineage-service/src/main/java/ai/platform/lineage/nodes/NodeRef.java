package ai.platform.lineage.nodes;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A node named the way clients know it: its type and its id in the system it comes from. */
@Schema(name = "LineageNodeRef")
public record NodeRef(@NotBlank String nodeType, @NotBlank String nodeId) {

    @Override
    public String toString() {
        return nodeType + ":" + nodeId;
    }
}

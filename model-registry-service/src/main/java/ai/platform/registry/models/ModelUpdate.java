package ai.platform.registry.models;

import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PATCH /api/v2/models/{name}}: every field optional. */
@Schema(name = "RegisteredModelUpdate")
public record ModelUpdate(
        @Size(max = 4000) String description,
        @Schema(description = "Merged into the model's tags")
        Map<@Size(max = 255) String, @Size(max = 5000) String> tags) {
}

package ai.platform.featurestore.serving;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/feature-store/online}. */
@Schema(name = "OnlineRequest")
public record OnlineRequest(
        @Schema(description = "Features as group:feature", examples = "[\"user_profile:age\"]")
        @NotEmpty @Size(max = 500) List<@NotNull String> features,
        @Schema(description = "Entities by their join keys, e.g. [{\"user_id\": 42}]")
        @NotEmpty @Size(max = 1000) List<@NotNull Map<String, Object>> entities) {
}

package ai.platform.featurestore.serving;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/feature-store/online}. */
@Schema(name = "OnlineRequest")
public record OnlineRequest(
        @Schema(description = "Features as group:feature (or name a feature_view)",
                examples = "[\"user_profile:age\"]")
        @Size(max = 500) List<@NotNull String> features,
        @Schema(description = "A feature view whose features to read, instead of listing them") String featureView,
        @Schema(description = "The feature view's version; its newest when absent")
        @Positive Integer featureViewVersion,
        @Schema(description = "Entities by their join keys, e.g. [{\"user_id\": 42}]")
        @NotEmpty @Size(max = 1000) List<@NotNull Map<String, Object>> entities) {
}

package ai.platform.featurestore.views;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/feature-store/feature-views}. */
@Schema(name = "FeatureViewRequest")
public record FeatureViewRequest(
        @NotBlank @Size(max = 255)
        @Pattern(regexp = "[A-Za-z][A-Za-z0-9_.-]*",
                message = "must start with a letter and hold only letters, digits, '_', '.' and '-'")
        String name,
        @Size(max = 4000) String description,
        @Schema(description = "Features as group:feature",
                examples = "[\"user_profile:age\", \"user_stats:clicks_7d\"]")
        @NotEmpty @Size(max = 500) List<@NotNull String> features,
        Map<@Size(max = 255) String, @NotNull @Size(max = 5000) String> tags) {
}

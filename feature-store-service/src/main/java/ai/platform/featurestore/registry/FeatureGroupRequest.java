package ai.platform.featurestore.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/feature-store/groups}. */
@Schema(name = "FeatureGroupRequest")
public record FeatureGroupRequest(
        @NotBlank @Size(max = 255)
        @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]*",
                message = "must start with a letter and hold only letters, digits and '_'")
        String name,
        @Size(max = 4000) String description,
        SourceType sourceType,
        @Size(max = 2000) String sourceUri) {
}

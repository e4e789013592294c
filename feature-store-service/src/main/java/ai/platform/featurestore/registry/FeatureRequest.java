package ai.platform.featurestore.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A feature to add to a group. */
@Schema(name = "FeatureRequest")
public record FeatureRequest(
        @NotBlank @Size(max = 255)
        @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "must be an identifier (letters, digits, '_')")
        String name,
        @Schema(description = "int32, int64, float32, float64, string, bool, timestamp, or an array of a numeric "
                + "type such as float32[]")
        @NotNull Dtype dtype,
        @Size(max = 4000) String description) {
}

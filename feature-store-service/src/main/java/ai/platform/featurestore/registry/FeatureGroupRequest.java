package ai.platform.featurestore.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
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
        @Size(max = 2000) String sourceUri,
        @Schema(description = "Join keys identifying an entity, e.g. [\"user_id\"] or [\"user_id\", \"item_id\"]")
        @NotEmpty @Size(max = 8)
        List<@NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*",
                message = "must be an identifier (letters, digits, '_')") String> entityKeys,
        @Schema(description = "Serve online (written to Redis on ingestion); true when absent") Boolean online,
        @Schema(description = "Seconds an online value stays valid after its event time; none: forever")
        @Positive Long ttlSeconds,
        Map<@Size(max = 255) String, @NotNull @Size(max = 5000) String> tags,
        @Schema(description = "Features to create with the group") List<@Valid FeatureRequest> features) {
}

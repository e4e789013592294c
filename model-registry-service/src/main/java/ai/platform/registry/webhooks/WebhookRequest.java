package ai.platform.registry.webhooks;

import ai.platform.registry.models.ModelNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/models/webhooks}. */
@Schema(name = "WebhookRequest")
public record WebhookRequest(
        @Schema(description = "Where deliveries are POSTed")
        @NotBlank @Size(max = 2000)
        @Pattern(regexp = "https?://[^\\s/?#]+[^\\s]*", message = "must be an absolute http or https URL") String url,
        @Schema(description = "model.created, version.created, version.stage_changed, alias.set")
        @NotEmpty List<@NotNull WebhookEvent> events,
        @Schema(description = "Only this model's events; every model's when absent")
        @Size(max = ModelNames.MAX_LENGTH) String modelName,
        @Schema(description = "The HMAC-SHA256 key deliveries are signed with; generated (and returned once) when "
                + "absent")
        @Size(min = 16, max = 256) String secret,
        @Size(max = 4000) String description) {
}

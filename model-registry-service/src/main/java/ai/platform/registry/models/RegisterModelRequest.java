package ai.platform.registry.models;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/models/register}. */
@Schema(name = "RegisterModelRequest")
public record RegisterModelRequest(
        @NotBlank @Size(max = ModelNames.MAX_LENGTH)
        @Pattern(regexp = ModelNames.PATTERN, message = ModelNames.MESSAGE)
        String name,
        @Size(max = 4000) String description,
        @Size(max = 255) String project,
        @Schema(description = "String values; searchable with tag=key:value")
        Map<@Size(max = 255) String, @Size(max = 5000) String> tags) {
}

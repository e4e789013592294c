package ai.platform.registry.aliases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/models/{name}/alias}. */
@Schema(name = "AliasRequest")
public record AliasRequest(
        @NotBlank @Pattern(regexp = AliasRepository.PATTERN, message = AliasRepository.MESSAGE) String alias,
        @NotNull @Positive Integer version) {
}

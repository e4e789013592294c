package ai.platform.quality.rules;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /rules}. */
@Schema(name = "QualityRuleRequest")
public record RuleRequest(
        @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'")
        String name,
        @Size(max = 4000) String description,
        @NotNull RuleType ruleType,
        @Size(max = 255) String dataset,
        @Schema(description = "What the rule checks; its fields depend on rule_type")
        @NotEmpty Map<String, Object> definition,
        Severity severity) {
}

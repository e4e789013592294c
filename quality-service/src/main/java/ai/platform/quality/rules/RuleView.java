package ai.platform.quality.rules;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A quality rule as the API shows it. */
@Schema(name = "QualityRule")
public record RuleView(UUID id, String name, String description, String ruleType, String dataset,
        Map<String, Object> definition, String severity, String createdBy, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static RuleView of(QualityRule rule) {
        return new RuleView(rule.id, rule.name, rule.description, rule.ruleType, rule.dataset, rule.definition,
                rule.severity, rule.createdBy, rule.createdAt, rule.updatedAt);
    }
}

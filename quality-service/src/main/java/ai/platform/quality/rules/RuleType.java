package ai.platform.quality.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a rule checks: the shape of a dataset, a SQL predicate of the user's, or a statistic within bounds. */
public enum RuleType {
    SCHEMA, CUSTOM, STATISTICAL;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package ai.platform.quality.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a failed rule fails the validation ({@code error}) or is only reported ({@code warning}). */
public enum Severity {
    WARNING, ERROR;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

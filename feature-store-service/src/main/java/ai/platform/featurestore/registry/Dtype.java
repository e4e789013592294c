package ai.platform.featurestore.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A feature's type, as Feast and Hopsworks name them, and the check every ingested value must pass. Arrays of
 * the numeric types ({@code float32[]}) hold embeddings.
 */
public enum Dtype {
    INT32("int32"), INT64("int64"), FLOAT32("float32"), FLOAT64("float64"), STRING("string"), BOOL("bool"),
    TIMESTAMP("timestamp"), INT32_ARRAY("int32[]"), INT64_ARRAY("int64[]"), FLOAT32_ARRAY("float32[]"),
    FLOAT64_ARRAY("float64[]");

    private final String label;

    Dtype(String label) {
        this.label = label;
    }

    @JsonCreator
    public static Dtype of(String label) {
        for (Dtype dtype : values()) {
            if (dtype.label.equalsIgnoreCase(label)) {
                return dtype;
            }
        }
        // The message is the field's error in the 400 problem: say what would have been accepted.
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values())
                .map(dtype -> dtype.label).collect(Collectors.joining(", ")) + "; got '" + label + "'");
    }

    /** Why {@code value} is not of this type, or null when it is (JSON null is always allowed: a missing value). */
    public String reject(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (this) {
            case INT32 -> value.canConvertToInt() && value.isIntegralNumber() ? null : "must be a 32-bit integer";
            case INT64 -> value.canConvertToLong() && value.isIntegralNumber() ? null : "must be a 64-bit integer";
            case FLOAT32 -> value.isNumber() && Math.abs(value.asDouble()) <= Float.MAX_VALUE
                    && Double.isFinite(value.asDouble()) ? null : "must be a number within float32";
            case FLOAT64 -> value.isNumber() && Double.isFinite(value.asDouble()) ? null : "must be a number";
            case STRING -> value.isTextual() ? null : "must be a string";
            case BOOL -> value.isBoolean() ? null : "must be true or false";
            case TIMESTAMP -> isTimestamp(value) ? null : "must be an RFC 3339 timestamp";
            case INT32_ARRAY, INT64_ARRAY, FLOAT32_ARRAY, FLOAT64_ARRAY -> rejectArray(value);
        };
    }

    private String rejectArray(JsonNode value) {
        if (!value.isArray()) {
            return "must be an array of " + element().label;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item == null || item.isNull() || element().reject(item) != null) {
                return "must be an array of " + element().label + " (item " + i + " is not)";
            }
        }
        return null;
    }

    private Dtype element() {
        return switch (this) {
            case INT32_ARRAY -> INT32;
            case INT64_ARRAY -> INT64;
            case FLOAT32_ARRAY -> FLOAT32;
            case FLOAT64_ARRAY -> FLOAT64;
            default -> this;
        };
    }

    private static boolean isTimestamp(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        try {
            OffsetDateTime.parse(value.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}

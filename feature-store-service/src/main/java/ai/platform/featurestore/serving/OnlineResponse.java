package ai.platform.featurestore.serving;

import ai.platform.featurestore.online.OnlineKeys;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Online feature values, one result per entity asked for, in the order asked. */
@Schema(name = "OnlineResponse")
public record OnlineResponse(List<String> features, List<Result> results) {

    /** An entity's values by {@code group:feature}. */
    @Schema(name = "OnlineResult")
    public record Result(Map<String, Object> entity, Map<String, Value> values) {
    }

    /**
     * A value with its status: PRESENT; NULL (written as null); NOT_FOUND (never written for this entity);
     * EXPIRED (older than the group's ttl: the value is withheld). The value stays the JSON bytes of Redis's reply
     * and the time formatted text, and both are written out as they are ({@link OnlineResponseJson}, the only
     * encoder of this type): a batch read answers thousands of values, and decoding and re-encoding each one cost
     * more than the Redis round trip (bench/feature-store-bulk.sh).
     */
    @Schema(name = "OnlineValue")
    public record Value(
            @Schema(description = "The value, of the feature's type; null unless PRESENT", type = SchemaType.OBJECT,
                    implementation = Object.class)
            OnlineKeys.StoredValue value,
            Status status,
            @Schema(description = "The value's event time (RFC 3339)", type = SchemaType.STRING, format = "date-time")
            String eventTime) {
    }

    public enum Status { PRESENT, NULL, NOT_FOUND, EXPIRED }
}

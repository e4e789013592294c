package ai.platform.featurestore.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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
     * EXPIRED (older than the group's ttl: the value is withheld).
     */
    @Schema(name = "OnlineValue")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Value(Object value, Status status, OffsetDateTime eventTime) {
    }

    public enum Status { PRESENT, NULL, NOT_FOUND, EXPIRED }
}

package ai.platform.featurestore.offline;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/feature-store/historical}. */
@Schema(name = "HistoricalRequest")
public record HistoricalRequest(
        @Schema(description = "Features as group:feature (or name a feature_view)") @Size(max = 500)
        List<@NotNull String> features,
        @Schema(description = "A feature view whose features to join, instead of listing them") String featureView,
        @Schema(description = "The feature view's version; its newest when absent")
        @Positive Integer featureViewVersion,
        @Schema(description = "The label rows: each holds the join keys of every group asked for, the time to "
                + "look back from (timestamp_field), and any other columns, which are passed through",
                examples = "[{\"user_id\": 42, \"event_timestamp\": \"2026-11-20T10:00:00Z\", \"label\": 1}]")
        @NotEmpty List<@NotNull Map<String, Object>> entities,
        @Schema(description = "The column of each entity row holding its time; event_timestamp when absent")
        String timestampField) {

    String timestampColumn() {
        return timestampField == null || timestampField.isBlank() ? "event_timestamp" : timestampField;
    }
}

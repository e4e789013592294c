package ai.platform.featurestore.materialization;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /api/v2/feature-store/materialize/schedules/{group}}. */
@Schema(name = "ScheduleRequest")
public record ScheduleRequest(
        @Schema(description = "Cron, UTC: 5 fields (minute hour day month weekday) or 6 with seconds first",
                examples = "*/15 * * * *")
        @NotBlank String cron) {
}

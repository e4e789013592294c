package ai.platform.registry.mlflow;

import ai.platform.registry.versioning.ModelVersion;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A model version as MLflow's REST API shows it ({@code ModelVersion} in MLflow's {@code model_registry.proto}):
 * the version number as a string, times in epoch milliseconds, {@code source} for the model's URI.
 */
@Schema(name = "MlflowModelVersion")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MlflowModelVersion(String name, String version, Long creationTimestamp, Long lastUpdatedTimestamp,
        String userId, String currentStage, String description, String source, String runId,
        @Schema(enumeration = {"PENDING_REGISTRATION", "FAILED_REGISTRATION", "READY"}) String status,
        String statusMessage, List<MlflowTag> tags, String runLink, List<String> aliases) {

    /** Where a version's MLflow run link is kept: MLflow has the field, the platform's versions have metadata. */
    static final String RUN_LINK = "mlflow_run_link";

    static MlflowModelVersion of(ModelVersion version) {
        Object runLink = version.metadata().get(RUN_LINK);
        return new MlflowModelVersion(version.name(), Integer.toString(version.version()),
                millis(version.createdAt()), millis(version.updatedAt()), version.createdBy(),
                version.currentStage().toString(), version.description(), version.modelUri(), version.runId(),
                status(version), statusMessage(version), MlflowTag.list(version.tags()),
                runLink == null ? null : runLink.toString(), version.aliases());
    }

    static Long millis(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toEpochMilli();
    }

    /** MLflow knows three statuses; an archived version is still whole and usable, so READY. */
    private static String status(ModelVersion version) {
        return switch (version.status()) {
            case PENDING -> "PENDING_REGISTRATION";
            case FAILED -> "FAILED_REGISTRATION";
            case READY, ARCHIVED -> "READY";
        };
    }

    private static String statusMessage(ModelVersion version) {
        return switch (version.status()) {
            case PENDING -> "Waiting for its files to be uploaded";
            case ARCHIVED -> "Archived";
            case READY, FAILED -> null;
        };
    }
}

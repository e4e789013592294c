package ai.platform.lineage.tracking;

import ai.platform.lineage.nodes.NodeRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v2/lineage/runs}. Input and output nodes are created if they do not exist; the
 * run becomes a node of type {@code run} with data flowing in from its inputs and out to its outputs, and, when
 * a job is named, execution flowing from the job's node to it.
 */
@Schema(name = "RunRequest")
public record RunRequest(
        @NotBlank @Size(max = 255) String runId,
        @Schema(description = "The job (pipeline, notebook, training script) this is a run of")
        @Size(max = 1000) String job,
        UUID experimentId,
        @Schema(description = "running when absent") RunStatus status,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        @Schema(description = "Params, metrics, anything; merged on update") Map<String, Object> metadata,
        List<@Valid NodeRef> inputs,
        List<@Valid NodeRef> outputs) {
}

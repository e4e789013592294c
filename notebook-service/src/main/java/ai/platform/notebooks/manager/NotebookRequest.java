package ai.platform.notebooks.manager;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v2/notebooks}. */
@Schema(name = "NotebookRequest")
public record NotebookRequest(
        @NotBlank @Size(max = 255) String name,
        @Size(max = 4000) String description,
        @Size(max = 255) String project,
        @Schema(description = "An nbformat 4 document; an empty Python notebook when absent")
        Map<String, Object> content) {
}

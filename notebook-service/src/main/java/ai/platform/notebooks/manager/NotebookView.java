package ai.platform.notebooks.manager;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notebook as the API shows it; lists leave the document out ({@code content} is null there). */
@Schema(name = "Notebook")
public record NotebookView(UUID id, String name, String description, String ownerId, String project,
        int version, Map<String, Object> content, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static NotebookView full(Notebook notebook) {
        return new NotebookView(notebook.id, notebook.name, notebook.description, notebook.ownerId,
                notebook.project, notebook.currentVersion, notebook.content, notebook.createdAt, notebook.updatedAt);
    }

    static NotebookView summary(Notebook notebook) {
        return new NotebookView(notebook.id, notebook.name, notebook.description, notebook.ownerId,
                notebook.project, notebook.currentVersion, null, notebook.createdAt, notebook.updatedAt);
    }
}

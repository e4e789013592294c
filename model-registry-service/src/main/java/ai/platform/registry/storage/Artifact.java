package ai.platform.registry.storage;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One file of a model version, as verified when it was written. */
@Schema(name = "ModelArtifact")
public record Artifact(String path, long sizeBytes, String sha256, String uploadedBy, OffsetDateTime createdAt) {

    static final String COLUMNS = "path, size_bytes, sha256, uploaded_by, created_at";

    static Artifact from(Row row) {
        return new Artifact(row.getString("path"), row.getLong("size_bytes"), row.getString("sha256"),
                row.getString("uploaded_by"), row.getOffsetDateTime("created_at"));
    }
}

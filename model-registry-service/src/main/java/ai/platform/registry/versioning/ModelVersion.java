package ai.platform.registry.versioning;

import ai.platform.registry.stages.Stage;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A version of a registered model, with the aliases that point at it. */
@Schema(name = "ModelVersion")
public record ModelVersion(UUID id, String name, int version, String modelUri, String runId, VersionStatus status,
        Stage currentStage, String description, Map<String, Object> metadata, Map<String, Object> tags,
        List<String> trainingDatasets, Integer parentVersion, List<String> aliases, String createdBy,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Columns of a version joined with its model ({@code m}) and its aliases, for {@link #from}. */
    public static final String SELECT = "SELECT v.id, m.name, v.version, v.model_uri, v.run_id, v.status,"
            + " v.current_stage, v.description, v.metadata, v.tags, v.training_datasets, v.parent_version,"
            + " v.created_by, v.created_at, v.updated_at,"
            + " COALESCE((SELECT array_agg(a.alias ORDER BY a.alias) FROM model_aliases a"
            + "   WHERE a.model_id = v.model_id AND a.version = v.version), '{}') AS aliases"
            + " FROM model_versions v JOIN registered_models m ON m.id = v.model_id";

    public static ModelVersion from(Row row) {
        JsonObject metadata = row.getJsonObject("metadata");
        String[] aliases = row.getArrayOfStrings("aliases");
        return new ModelVersion(row.getUUID("id"), row.getString("name"), row.getInteger("version"),
                row.getString("model_uri"), row.getString("run_id"), VersionStatus.of(row.getString("status")),
                Stage.of(row.getString("current_stage")), row.getString("description"),
                metadata == null ? Map.of() : metadata.getMap(), row.getJsonObject("tags").getMap(),
                row.getJsonArray("training_datasets").stream().map(String::valueOf).toList(),
                row.getInteger("parent_version"), aliases == null ? List.of() : List.of(aliases),
                row.getString("created_by"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}

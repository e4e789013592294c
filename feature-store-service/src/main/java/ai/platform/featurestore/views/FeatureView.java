package ai.platform.featurestore.views;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A version of a feature view: a named selection of features across groups, as stored and shown. */
@Schema(name = "FeatureView")
public record FeatureView(UUID id, String name, int version, String description,
        @Schema(description = "The features, as group:feature, in the order answers list them") List<String> features,
        String ownerId, Map<String, Object> tags, OffsetDateTime createdAt) {

    static final String COLUMNS = "id, name, version, description, features, owner_id, tags, created_at";

    static FeatureView of(Row row) {
        JsonObject tags = row.getJsonObject(6);
        return new FeatureView(row.getUUID(0), row.getString(1), row.getInteger(2), row.getString(3),
                Arrays.asList(row.getArrayOfStrings(4)), row.getString(5), tags == null ? Map.of() : tags.getMap(),
                row.getOffsetDateTime(7));
    }
}

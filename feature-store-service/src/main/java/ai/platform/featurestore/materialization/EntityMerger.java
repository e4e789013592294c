package ai.platform.featurestore.materialization;

import ai.platform.featurestore.online.JsonText;
import ai.platform.featurestore.online.OnlineKeys;
import ai.platform.featurestore.online.OnlineStore;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns offline rows, read entity by entity and newest first, into one online write per entity holding the newest
 * value of each feature. A row may carry only some features, so an entity's features can come from different
 * rows, each with its own event time. Holds one entity at a time.
 */
final class EntityMerger {

    private final UUID groupId;
    private String entityKey;
    private Map<String, OnlineStore.Value> newest = new LinkedHashMap<>();

    EntityMerger(UUID groupId) {
        this.groupId = groupId;
    }

    /**
     * Takes a row ({@code entity_key, event time in ms, values}); returns the previous entity's write when this
     * row starts a new entity.
     */
    List<OnlineStore.Write> accept(Row row) {
        String key = row.getString(0);
        List<OnlineStore.Write> done = List.of();
        if (!key.equals(entityKey)) {
            done = finish();
            entityKey = key;
        }
        long eventTime = row.getLong(1);
        JsonObject values = row.getJsonObject(2);
        for (Map.Entry<String, Object> value : values) {
            if (!newest.containsKey(value.getKey())) {
                newest.put(value.getKey(), new OnlineStore.Value(value.getKey(), JsonText.of(value.getValue()), eventTime));
            }
        }
        return done;
    }

    /** The write of the entity in hand, if any. */
    List<OnlineStore.Write> finish() {
        if (entityKey == null || newest.isEmpty()) {
            return List.of();
        }
        OnlineStore.Write write = new OnlineStore.Write(OnlineKeys.redisKey(groupId, entityKey),
                new ArrayList<>(newest.values()));
        newest = new LinkedHashMap<>();
        return List.of(write);
    }
}

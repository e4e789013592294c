package ai.platform.featurestore.online;

import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The online store's layout in Redis. One hash per (group, entity): {@code fs:<group id>:<entity key>}, with two
 * fields per feature, {@code v:<name>} (the value as JSON) and {@code t:<name>} (its event time, epoch ms), so
 * each feature keeps its own freshness. The entity key is the entity's join-key values in the group's key order,
 * as a JSON array of strings ({@code ["42","7"]}): 42 and "42" name the same entity.
 */
public final class OnlineKeys {

    private OnlineKeys() {
    }

    public static String entityKey(List<String> keys, Map<String, Object> entity) {
        JsonArray values = new JsonArray();
        for (String key : keys) {
            values.add(String.valueOf(entity.get(key)));
        }
        return values.encode();
    }

    public static String redisKey(UUID group, String entityKey) {
        return "fs:" + group + ":" + entityKey;
    }

    /** The hash field holding a feature's value. */
    public static String valueField(String feature) {
        return "v:" + feature;
    }

    /** The hash field holding a feature's event time. */
    public static String timeField(String feature) {
        return "t:" + feature;
    }
}

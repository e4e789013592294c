package ai.platform.registry.versioning;

import ai.platform.support.problem.ProblemException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** Tags as stored (a JSON object of strings) and as searched ({@code tag=key:value}). */
public final class Tags {

    private Tags() {
    }

    public static JsonObject json(Map<String, String> tags) {
        return new JsonObject(tags == null ? new HashMap<>() : new HashMap<String, Object>(tags));
    }

    /** {@code key:value} -> the JSON object a {@code tags @> ...} search takes; a bad form is a 400. */
    public static JsonObject filter(String field, String keyValue) {
        int split = keyValue.indexOf(':');
        if (split < 1) {
            throw ProblemException.invalidField(field, "must be key:value");
        }
        return new JsonObject().put(keyValue.substring(0, split), keyValue.substring(split + 1));
    }
}

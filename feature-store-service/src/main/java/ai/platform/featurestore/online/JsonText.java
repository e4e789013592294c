package ai.platform.featurestore.online;

import io.vertx.core.json.Json;

/** A decoded JSON value (from PostgreSQL's JSONB) as JSON text, the form the online store holds values in. */
public final class JsonText {

    private JsonText() {
    }

    /**
     * Numbers and booleans are written directly: a JSON encoder per value (a generator and its buffers) was a large
     * part of a materialization's CPU time (JFR, bench/feature-store-bulk.sh).
     */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Double number && Double.isFinite(number)) {
            return number.toString();
        }
        return Json.encode(value);
    }
}

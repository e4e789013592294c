package ai.platform.featurestore.ingestion;

import ai.platform.featurestore.online.JsonText;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** A checked row: its entity key (see OnlineKeys), event time, and its values as JSON text by feature. */
record IngestRow(String entityKey, OffsetDateTime eventTime, Map<String, String> values) {

    /** This row with the values an offline row holds (a JSON object), each as JSON text. */
    IngestRow withValues(JsonObject stored) {
        Map<String, String> json = new LinkedHashMap<>();
        stored.forEach(value -> json.put(value.getKey(), JsonText.of(value.getValue())));
        return new IngestRow(entityKey, eventTime, json);
    }

    /** The values as one JSON object, for the offline row (names are identifiers: no escaping needed). */
    String valuesJson() {
        StringBuilder json = new StringBuilder("{");
        values.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":").append(value);
        });
        return json.append('}').toString();
    }
}

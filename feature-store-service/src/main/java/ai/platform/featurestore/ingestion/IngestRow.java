package ai.platform.featurestore.ingestion;

import java.time.OffsetDateTime;
import java.util.Map;

/** A checked row: its entity key (see OnlineKeys), event time, and its values as JSON text by feature. */
record IngestRow(String entityKey, OffsetDateTime eventTime, Map<String, String> values) {

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

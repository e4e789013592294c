package ai.platform.featurestore.serving;

import ai.platform.featurestore.online.OnlineKeys;
import ai.platform.support.json.StreamedJson;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Encodes an {@link OnlineResponse} with Jackson's streaming generator instead of its object mapping, straight
 * into the buffer the HTTP layer sends. A batch read answers thousands of values (100 x 50: 5,000, about 460 KB),
 * and measured with a profiler, the mapping's per-object work, then the network flush after every 8 KB of output,
 * then copying and zeroing the finished bytes on their way to the socket were the largest costs of such a request
 * (bench/feature-store-bulk.sh). Names, statuses and event times repeat across the values, so each is encoded once
 * per response. The JSON is the same as the mapping's: snake_case names, every field present, values as the JSON
 * bytes Redis sent, copied once. The buffer and its sizing are {@link StreamedJson}'s.
 */
@ApplicationScoped
public class OnlineResponseJson {

    /** About what one value takes ({"value":12.5,"status":"PRESENT","event_time":"..."} and its name). */
    private static final int BYTES_PER_VALUE = 96;
    private static final SerializableString VALUE = new SerializedString("value");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString EVENT_TIME = new SerializedString("event_time");
    private static final Map<OnlineResponse.Status, SerializableString> STATUSES =
            new EnumMap<>(OnlineResponse.Status.class);

    static {
        for (OnlineResponse.Status status : OnlineResponse.Status.values()) {
            STATUSES.put(status, new SerializedString(status.name()));
        }
    }

    private final ObjectMapper mapper;
    /** Writes entity keys mid-document, without the flush the mapper does after each value it writes. */
    private final ObjectWriter entityWriter;

    public OnlineResponseJson(ObjectMapper mapper) {
        this.mapper = mapper;
        this.entityWriter = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    public Buffer encode(OnlineResponse response) {
        long estimate = (long) response.results().size() * response.features().size() * BYTES_PER_VALUE;
        return StreamedJson.write(mapper, estimate, json -> write(response, json));
    }

    private void write(OnlineResponse response, JsonGenerator json) throws IOException {
        // Labels and event times are shared String instances across the values (see OnlineServing): encoded once.
        Map<String, SerializableString> encoded = new IdentityHashMap<>();
        RawJsonBytes raw = new RawJsonBytes();
        json.writeStartObject();
        json.writeArrayFieldStart("features");
        for (String feature : response.features()) {
            json.writeString(feature);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("results");
        for (OnlineResponse.Result result : response.results()) {
            json.writeStartObject();
            // Entity keys are whatever JSON the caller sent (numbers, strings): written as given.
            json.writeFieldName("entity");
            entityWriter.writeValue(json, result.entity());
            json.writeObjectFieldStart("values");
            for (Map.Entry<String, OnlineResponse.Value> entry : result.values().entrySet()) {
                OnlineResponse.Value value = entry.getValue();
                json.writeFieldName(encoded.computeIfAbsent(entry.getKey(), SerializedString::new));
                json.writeStartObject();
                json.writeFieldName(VALUE);
                if (value.value() == null) {
                    json.writeNull();
                } else {
                    OnlineKeys.StoredValue stored = value.value();
                    json.writeRawValue(raw.of(stored.bytes(), stored.jsonStart(), stored.jsonLength()));
                }
                json.writeFieldName(STATUS);
                json.writeString(STATUSES.get(value.status()));
                json.writeFieldName(EVENT_TIME);
                if (value.eventTime() == null) {
                    json.writeNull();
                } else {
                    json.writeString(encoded.computeIfAbsent(value.eventTime(), SerializedString::new));
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}

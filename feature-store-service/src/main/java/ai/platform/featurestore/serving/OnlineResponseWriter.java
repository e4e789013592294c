package ai.platform.featurestore.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Writes an {@link OnlineResponse} with Jackson's streaming generator instead of its object mapping. A batch read
 * answers thousands of values, and the mapping's per-object work (a serializer lookup and a property walk for
 * each of 5,000 small records) was the largest cost of a 100 x 50 request (bench/feature-store-bulk.sh). The JSON
 * is the same as the mapping's: snake_case names, every field present, values as the JSON text Redis holds.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class OnlineResponseWriter implements MessageBodyWriter<OnlineResponse> {

    private final ObjectMapper mapper;
    /** Writes entity keys mid-document: without a flush after each, which would send a network write per entity. */
    private final ObjectWriter entityWriter;

    public OnlineResponseWriter(ObjectMapper mapper) {
        this.mapper = mapper;
        this.entityWriter = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == OnlineResponse.class;
    }

    @Override
    public void writeTo(OnlineResponse response, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        // The stream belongs to the REST layer, which closes it.
        try (JsonGenerator json = mapper.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeArrayFieldStart("features");
            for (String feature : response.features()) {
                json.writeString(feature);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("results");
            for (OnlineResponse.Result result : response.results()) {
                json.writeStartObject();
                // Entity keys are whatever JSON the caller sent (numbers, strings): the mapper writes them as given.
                json.writeFieldName("entity");
                entityWriter.writeValue(json, result.entity());
                json.writeObjectFieldStart("values");
                for (Map.Entry<String, OnlineResponse.Value> entry : result.values().entrySet()) {
                    OnlineResponse.Value value = entry.getValue();
                    json.writeObjectFieldStart(entry.getKey());
                    json.writeFieldName("value");
                    if (value.value() == null) {
                        json.writeNull();
                    } else {
                        json.writeRawValue(value.value());
                    }
                    json.writeStringField("status", value.status().name());
                    json.writeFieldName("event_time");
                    if (value.eventTime() == null) {
                        json.writeNull();
                    } else {
                        json.writeString(value.eventTime());
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
}

package ai.platform.featurestore.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.featurestore.online.OnlineKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnlineResponseJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void valuesAreCopiedFromRedisBytesAsTheJsonTheyAre() throws Exception {
        String text = "\"caf\u00e9 \"quoted\" \u2603\"".replace("\"quoted\"", "\\\"quoted\\\"");
        Map<String, OnlineResponse.Value> values = new LinkedHashMap<>();
        values.put("g:name", present(text));
        values.put("g:embedding", present("[0.5,-1.25]"));
        values.put("g:missing", new OnlineResponse.Value(null, OnlineResponse.Status.NOT_FOUND, null));
        values.put("g:empty", new OnlineResponse.Value(null, OnlineResponse.Status.NULL, "2026-11-25T10:00:00Z"));
        OnlineResponse response = new OnlineResponse(List.of("g:name", "g:embedding", "g:missing", "g:empty"),
                List.of(new OnlineResponse.Result(Map.of("user_id", "\u00fcser"), values)));

        Buffer encoded = new OnlineResponseJson(mapper).encode(response);

        JsonNode result = mapper.readTree(encoded.getBytes()).get("results").get(0);
        assertEquals("\u00fcser", result.get("entity").get("user_id").asText());
        JsonNode name = result.get("values").get("g:name");
        assertEquals("caf\u00e9 \"quoted\" \u2603", name.get("value").asText());
        assertEquals("PRESENT", name.get("status").asText());
        assertEquals("2026-11-25T10:00:00Z", name.get("event_time").asText());
        assertEquals(-1.25, result.get("values").get("g:embedding").get("value").get(1).asDouble());
        assertEquals("NOT_FOUND", result.get("values").get("g:missing").get("status").asText());
        assertEquals(true, result.get("values").get("g:missing").get("value").isNull());
        assertEquals(true, result.get("values").get("g:empty").get("event_time").isTextual());
    }

    private static OnlineResponse.Value present(String json) {
        OnlineKeys.StoredValue stored = OnlineKeys.parse(Buffer.buffer("1764064800000|" + json));
        return new OnlineResponse.Value(stored, OnlineResponse.Status.PRESENT, "2026-11-25T10:00:00Z");
    }
}

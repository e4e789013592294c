package ai.platform.featurestore.offline;

import static ai.platform.featurestore.FeatureStoreApi.EDITOR;
import static ai.platform.featurestore.FeatureStoreApi.group;
import static ai.platform.featurestore.FeatureStoreApi.ingest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class HistoricalTest {

    @Test
    void eachRowGetsTheNewestValueAtOrBeforeItsTimeAndNeverOneFromItsFuture() {
        String g = group("pit", "");
        ingest(g, """
                [{"entity": {"user_id": 1}, "event_time": "2026-11-20T10:00:00Z", "values": {"age": 30, "score": 0.1}},
                 {"entity": {"user_id": 1}, "event_time": "2026-11-20T12:00:00Z", "values": {"age": 31}},
                 {"entity": {"user_id": 1}, "event_time": "2026-11-20T14:00:00Z", "values": {"age": 32, "score": 0.3}},
                 {"entity": {"user_id": 2}, "event_time": "2026-11-20T10:00:00Z", "values": {"age": 50}}]
                """).statusCode(200);
        historical("""
                {"features": ["%1$s:age", "%1$s:score"], "entities": [
                  {"user_id": 1, "event_timestamp": "2026-11-20T11:00:00Z", "label": true},
                  {"user_id": 1, "event_timestamp": "2026-11-20T12:00:00Z", "label": false},
                  {"user_id": "1", "event_timestamp": "2026-11-20T13:59:59Z", "label": true},
                  {"user_id": 1, "event_timestamp": "2026-11-20T09:00:00Z", "label": false},
                  {"user_id": 2, "event_timestamp": "2026-11-21T00:00:00+13:00", "label": true},
                  {"user_id": 3, "event_timestamp": "2026-11-21T00:00:00Z", "label": false}]}
                """.formatted(g)).statusCode(200)
                .body("features", equalTo(List.of(g + ":age", g + ":score")))
                .body("rows[0].'" + g + ":age'", equalTo(30))
                .body("rows[0].label", equalTo(true))
                .body("rows[0].event_timestamp", equalTo("2026-11-20T11:00:00Z"))
                .body("rows[1].'" + g + ":age'", equalTo(31))
                // The newest row at 13:59:59 (12:00) has no score: the score comes from the 10:00 row.
                .body("rows[2].'" + g + ":age'", equalTo(31))
                .body("rows[2].'" + g + ":score'", equalTo(0.1f))
                .body("rows[3].'" + g + ":age'", nullValue())
                // 2026-11-21T00:00+13:00 is 2026-11-20T11:00Z: after user 2's only value.
                .body("rows[4].'" + g + ":age'", equalTo(50))
                .body("rows[4].'" + g + ":score'", nullValue())
                .body("rows[5].'" + g + ":age'", nullValue());
    }

    @Test
    void joinsSeveralGroupsAndLooksBackNoFurtherThanEachGroupsTtl() {
        String profile = group("profile", "");
        String recent = group("recent", ", \"ttl_seconds\": 3600");
        ingest(profile, "[{\"entity\": {\"user_id\": 7}, \"event_time\": \"2026-01-01T00:00:00Z\", "
                + "\"values\": {\"country\": \"NZ\"}}]").statusCode(200);
        ingest(recent, "[{\"entity\": {\"user_id\": 7}, \"event_time\": \"2026-11-20T10:00:00Z\", "
                + "\"values\": {\"score\": 0.9, \"emb\": [1.0, 2.0]}}]").statusCode(200);
        historical("""
                {"features": ["%1$s:country", "%2$s:score", "%2$s:emb"], "entities": [
                  {"user_id": 7, "event_timestamp": "2026-11-20T10:30:00Z"},
                  {"user_id": 7, "event_timestamp": "2026-11-20T11:30:00Z"}]}
                """.formatted(profile, recent)).statusCode(200)
                .body("rows[0].'" + profile + ":country'", equalTo("NZ"))
                .body("rows[0].'" + recent + ":score'", equalTo(0.9f))
                .body("rows[0].'" + recent + ":emb'", equalTo(List.of(1.0f, 2.0f)))
                .body("rows[1].'" + profile + ":country'", equalTo("NZ"))
                .body("rows[1].'" + recent + ":score'", nullValue());
    }

    @Test
    void streamsCsvWithAHeaderAndOneLinePerRow() {
        String g = group("csv", "");
        ingest(g, "[{\"entity\": {\"user_id\": 1}, \"event_time\": \"2026-11-20T10:00:00Z\", "
                + "\"values\": {\"age\": 30, \"country\": \"Aotearoa, NZ\", \"emb\": [0.5, 1.5]}}]").statusCode(200);
        String body = given().auth().oauth2(EDITOR).contentType(ContentType.JSON).accept("text/csv")
                .body("""
                        {"features": ["%1$s:age", "%1$s:country", "%1$s:emb"], "timestamp_field": "ts", "entities": [
                          {"user_id": 1, "ts": "2026-11-20T11:00:00Z", "clicked": 1},
                          {"user_id": 1, "ts": "2026-11-20T09:00:00Z", "clicked": 0}]}
                        """.formatted(g))
                .post("/api/v2/feature-store/historical").then().statusCode(200)
                .contentType("text/csv;charset=UTF-8").extract().asString();
        assertEquals(List.of(
                "user_id,ts,clicked,%1$s:age,%1$s:country,%1$s:emb".formatted(g),
                "1,2026-11-20T11:00:00Z,1,30,\"Aotearoa, NZ\",\"[0.5,1.5]\"",
                "1,2026-11-20T09:00:00Z,0,,,"), body.lines().toList());
    }

    @Test
    void badRequestsAreRefusedWithProblems() {
        String g = group("pitbad", "");
        historical("{\"features\": [\"%s:age\"], \"entities\": [{\"user_id\": 1}, {\"event_timestamp\": \"x\"}]}"
                .formatted(g)).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("entities[0].event_timestamp"))
                .body("errors.field", hasItem("entities[1].event_timestamp"))
                .body("errors.field", hasItem("entities[1].user_id"));
        historical(("{\"features\": [\"%s:nope\"], \"entities\": [{\"user_id\": 1, \"event_timestamp\": "
                + "\"2026-11-20T10:00:00Z\"}]}").formatted(g)).statusCode(400)
                .body("errors[0].field", equalTo("features[0]"));
        historical("{\"features\": [\"%s:age\"], \"entities\": []}".formatted(g)).statusCode(400);
        historical("{\"entities\": [{\"user_id\": 1, \"event_timestamp\": \"2026-11-20T10:00:00Z\"}]}")
                .statusCode(400).body("errors[0].field", equalTo("features"));
        historical(("{\"feature_view\": \"no_such_view_%s\", \"entities\": [{\"user_id\": 1, \"event_timestamp\": "
                + "\"2026-11-20T10:00:00Z\"}]}").formatted(g)).statusCode(404);
        historical(("{\"features\": [\"no_such_group_%s:age\"], \"entities\": [{\"user_id\": 1, "
                + "\"event_timestamp\": \"2026-11-20T10:00:00Z\"}]}").formatted(g)).statusCode(404);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).accept("text/csv")
                .body("{\"features\": [\"%s:age\"], \"entities\": [{\"user_id\": 1}]}".formatted(g))
                .post("/api/v2/feature-store/historical").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("entities[0].event_timestamp"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= HistoricalResource.MAX_JSON_ROWS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"user_id\": 1, \"event_timestamp\": \"2026-11-20T10:00:00Z\"}");
        }
        historical("{\"features\": [\"%s:age\"], \"entities\": [%s]}".formatted(g, many)).statusCode(400)
                .body("errors[0].field", equalTo("entities")).body("errors[0].message", containsString("text/csv"));
    }

    private static ValidatableResponse historical(String body) {
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON).accept(ContentType.JSON).body(body)
                .post("/api/v2/feature-store/historical").then();
    }
}

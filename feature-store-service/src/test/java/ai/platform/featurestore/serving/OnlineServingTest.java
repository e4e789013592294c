package ai.platform.featurestore.serving;

import static ai.platform.featurestore.FeatureStoreApi.EDITOR;
import static ai.platform.featurestore.FeatureStoreApi.group;
import static ai.platform.featurestore.FeatureStoreApi.ingest;
import static ai.platform.featurestore.FeatureStoreApi.online;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class OnlineServingTest {

    @Inject
    RedisDataSource redis;

    @Test
    void readsRecoverWhenRedisDropsEveryConnection() throws Exception {
        String g = group("reconnect", "");
        ingest(g, "[{\"entity\": {\"user_id\": 1}, \"event_time\": \"2026-11-20T10:00:00Z\", "
                + "\"values\": {\"age\": 41}}]").statusCode(200);
        // Enough reads for the event loops to open connections of their own.
        for (int i = 0; i < 20; i++) {
            online(g, "1", "age").statusCode(200);
        }
        redis.execute("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int present = 0;
        while (present < 20) {
            assertTrue(System.nanoTime() < deadline, "reads did not come back after Redis dropped its connections");
            var answer = online(g, "1", "age").extract();
            // While connections are being replaced a read may find the store unavailable, and says so.
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 503, "status " + answer.statusCode());
            if (answer.statusCode() == 200) {
                assertEquals("PRESENT", answer.path("results[0].values.'" + g + ":age'.status"));
                assertEquals(41, (Integer) answer.path("results[0].values.'" + g + ":age'.value"));
                present++;
            }
        }
    }

    @Test
    void servesManyEntitiesInOneRequestWithTheirStatuses() {
        String g = group("batch", "");
        String rows = IntStream.range(0, 300).mapToObj(i -> ("{\"entity\": {\"user_id\": %d}, \"event_time\": "
                + "\"2026-11-20T10:00:00Z\", \"values\": {\"age\": %d, \"country\": %s}}")
                .formatted(i, i, i % 2 == 0 ? "null" : "\"FR\"")).collect(Collectors.joining(",", "[", "]"));
        ingest(g, rows).statusCode(200).body("inserted", equalTo(300));
        String entities = IntStream.range(0, 301).mapToObj(i -> "{\"user_id\": " + i + "}")
                .collect(Collectors.joining(",", "[", "]"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"features\": [\"" + g + ":age\", \"" + g + ":country\"], \"entities\": " + entities + "}")
                .when().post("/api/v2/feature-store/online")
                .then().statusCode(200)
                .body("results", hasSize(301))
                .body("results[5].values.'" + g + ":age'.value", equalTo(5))
                .body("results[4].values.'" + g + ":country'.status", equalTo("NULL"))
                .body("results[5].values.'" + g + ":country'.value", equalTo("FR"))
                .body("results[300].values.'" + g + ":age'.status", equalTo("NOT_FOUND"));
    }

    @Test
    void aValueOlderThanTheTtlIsExpiredOnRead() {
        String g = group("fresh", ", \"ttl_seconds\": 3600");
        String old = Instant.now().minus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        String recent = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        ingest(g, "[{\"entity\": {\"user_id\": 1}, \"event_time\": \"" + old + "\", \"values\": {\"age\": 1}},"
                + "{\"entity\": {\"user_id\": 2}, \"event_time\": \"" + recent + "\", \"values\": {\"age\": 2}}]")
                .statusCode(200);
        online(g, "1", "age").statusCode(200)
                .body("results[0].values.'" + g + ":age'.status", equalTo("EXPIRED"))
                .body("results[0].values.'" + g + ":age'.value", nullValue())
                .body("results[0].values.'" + g + ":age'.event_time", equalTo(old));
        online(g, "2", "age").statusCode(200)
                .body("results[0].values.'" + g + ":age'.status", equalTo("PRESENT"));
    }

    @Test
    void refusesBadFeatureNamesAndEntities() {
        String g = group("refs", "");
        given().auth().oauth2(EDITOR).queryParam("features", "no-colon").queryParam("entity", "user_id:1")
                .when().get("/api/v2/feature-store/online")
                .then().statusCode(400).body("errors[0].field", equalTo("features[0]"));
        online(g, "1", "height").statusCode(400).body("errors[0].field", equalTo("features[0]"));
        given().auth().oauth2(EDITOR).queryParam("features", g + ":age")
                .when().get("/api/v2/feature-store/online")
                .then().statusCode(400).body("errors.field", hasItem("entities[0].user_id"));
        given().auth().oauth2(EDITOR).queryParam("features", "missing_group:age").queryParam("entity", "user_id:1")
                .when().get("/api/v2/feature-store/online")
                .then().statusCode(404);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"features\": []}")
                .when().post("/api/v2/feature-store/online")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void featuresAreVersionedByType() {
        String g = group("versions", "");
        String id = given().auth().oauth2(EDITOR).queryParam("name_prefix", g).get("/api/v2/feature-store/groups")
                .then().extract().path("items[0].id");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"age\", \"dtype\": \"int32\"}")
                .when().post("/api/v2/feature-store/groups/" + id + "/features")
                .then().statusCode(200).body("version", equalTo(1));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"age\", \"dtype\": \"float64\"}")
                .when().post("/api/v2/feature-store/groups/" + id + "/features")
                .then().statusCode(201).body("version", equalTo(2)).body("dtype", equalTo("float64"));
        given().auth().oauth2(EDITOR).queryParam("all_versions", true)
                .when().get("/api/v2/feature-store/groups/" + id + "/features")
                .then().statusCode(200).body("findAll { it.name == 'age' }.version", equalTo(java.util.List.of(1, 2)));
        given().auth().oauth2(EDITOR).when().get("/api/v2/feature-store/groups/" + id)
                .then().statusCode(200).body("entity_keys", equalTo(java.util.List.of("user_id")))
                .body("features.find { it.name == 'age' }.dtype", equalTo("float64"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"user_id\", \"dtype\": \"int64\"}")
                .when().post("/api/v2/feature-store/groups/" + id + "/features")
                .then().statusCode(400);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"x\", \"dtype\": \"decimal\"}")
                .when().post("/api/v2/feature-store/groups/" + id + "/features")
                .then().statusCode(400).body("errors[0].field", equalTo("dtype"))
                .body("errors[0].message", containsString("float32[]"))
                .body("errors[0].message", containsString("got 'decimal'"));
    }
}

package ai.platform.featurestore.monitoring;

import static ai.platform.featurestore.FeatureStoreApi.EDITOR;
import static ai.platform.featurestore.FeatureStoreApi.group;
import static ai.platform.featurestore.FeatureStoreApi.ingest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class MonitoringTest {

    @Test
    void reportsVolumesFreshnessNullRatesOnlineKeysAndTheLastMaterialization() {
        String g = group("watched", "");
        ingest(g, """
                [{"entity": {"user_id": 1}, "event_time": "2026-11-20T08:00:00Z", "values": {"age": 30, "score": null}},
                 {"entity": {"user_id": 1}, "event_time": "2026-11-20T09:00:00Z", "values": {"age": 31, "score": 0.5}},
                 {"entity": {"user_id": 2}, "event_time": "2026-11-20T10:00:00Z", "values": {"age": null}},
                 {"entity": {"user_id": 3}, "event_time": "2026-11-20T11:00:00Z", "values": {"age": 33}}]
                """).statusCode(200);
        String job = given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"feature_group\": \"" + g + "\"}").post("/api/v2/feature-store/materialize").then()
                .statusCode(202).extract().path("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> given().auth()
                .oauth2(EDITOR).get("/api/v2/feature-store/materialize/jobs/" + job).then().extract()
                .path("status").equals("succeeded"));

        given().auth().oauth2(EDITOR).get("/api/v2/feature-store/monitoring/groups/" + g).then().statusCode(200)
                .body("feature_group", equalTo(g))
                .body("offline.rows", equalTo(4))
                .body("offline.entities", equalTo(3))
                .body("offline.oldest_event_time", equalTo("2026-11-20T08:00:00Z"))
                .body("offline.newest_event_time", equalTo("2026-11-20T11:00:00Z"))
                .body("offline.freshness_seconds", greaterThan(0))
                .body("online.keys", equalTo(3))
                .body("online.available", equalTo(true))
                .body("features.find { it.name == 'age' }.rows", equalTo(4))
                .body("features.find { it.name == 'age' }.null_rate", equalTo(0.25f))
                .body("features.find { it.name == 'score' }.null_rate", equalTo(0.5f))
                .body("features.find { it.name == 'country' }.null_rate", nullValue())
                .body("features.find { it.name == 'country' }.sampled_rows", equalTo(4))
                .body("materialization.last_status", equalTo("succeeded"))
                .body("materialization.last_job_id", equalTo(job))
                .body("materialization.watermark_time", notNullValue())
                .body("materialization.lag_seconds", notNullValue());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("feature_store_ingest_rows_total{group=\"" + g + "\",online=\"written\"} 4.0"))
                .body(containsString("feature_store_materialization_values_total{group=\"" + g + "\"}"));
    }

    @Test
    void anUnknownGroupIsAProblem() {
        given().auth().oauth2(EDITOR).get("/api/v2/feature-store/monitoring/groups/no_such_group").then()
                .statusCode(404).contentType("application/problem+json");
    }
}

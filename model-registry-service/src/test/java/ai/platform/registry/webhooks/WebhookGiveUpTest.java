package ai.platform.registry.webhooks;

import static ai.platform.registry.RegistryApi.ADMIN;
import static ai.platform.registry.RegistryApi.EDITOR;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A receiver that never accepts: after its last attempt a delivery is given up on, and says so. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
@TestProfile(WebhookGiveUpTest.TwoAttempts.class)
class WebhookGiveUpTest {

    public static class TwoAttempts implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registry.webhooks.max-attempts", "2");
        }
    }

    @Test
    void givesUpAfterTheLastAttempt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String model = "doomed-" + UUID.randomUUID().toString().substring(0, 8);
            String path = "/" + model;
            receiver.refuseNext(path, 1000);
            String webhook = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"url\": \"" + receiver.url(path) + "\", \"events\": [\"model.created\"],"
                            + " \"model_name\": \"" + model + "\"}")
                    .post("/api/v2/models/webhooks").then().statusCode(201).extract().path("id");
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + model + "\"}")
                    .post("/api/v2/models/register").then().statusCode(201);

            receiver.await(path, 2, Duration.ofSeconds(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (given().auth().oauth2(ADMIN).queryParam("status", "failed")
                    .get("/api/v2/models/webhooks/" + webhook + "/deliveries").then().extract()
                    .<java.util.List<?>>path("items").isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The delivery was not given up on after two attempts");
                }
                Thread.sleep(50);
            }
            given().auth().oauth2(ADMIN).get("/api/v2/models/webhooks/" + webhook + "/deliveries").then()
                    .statusCode(200).body("items", hasSize(1))
                    .body("items[0].status", equalTo("failed"))
                    .body("items[0].attempts", equalTo(2))
                    .body("items[0].response_code", equalTo(503))
                    .body("items[0].next_attempt_at", nullValue())
                    .body("items[0].delivered_at", nullValue());
        }
    }
}

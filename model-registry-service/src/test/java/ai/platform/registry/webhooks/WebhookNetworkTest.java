package ai.platform.registry.webhooks;

import static ai.platform.registry.RegistryApi.ADMIN;
import static ai.platform.registry.RegistryApi.EDITOR;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With private networks refused, as in production: at subscribe time, and again at send time. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
@TestProfile(WebhookNetworkTest.PrivateNetworksRefused.class)
class WebhookNetworkTest {

    public static class PrivateNetworksRefused implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registry.webhooks.allow-private-networks", "false");
        }
    }

    @Inject
    Pool pool;

    @Test
    void refusesUrlsIntoPrivateNetworksAtSubscribeTime() {
        for (String url : List.of("http://127.0.0.1:8082/x", "http://localhost/x", "http://0.0.0.0/x",
                "http://169.254.169.254/latest/meta-data/", "http://10.96.0.1/x", "https://172.16.5.4/x",
                "http://192.168.1.10:8080/x", "http://100.64.0.7/x", "http://[::1]/x", "http://[fe80::1]/x",
                "http://[fd12:3456::1]/x", "http://[::ffff:127.0.0.1]/x", "http://user@127.0.0.1/x")) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"url\": \"" + url + "\", \"events\": [\"alias.set\"]}")
                    .post("/api/v2/models/webhooks").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("private network"));
        }
        // A public address (a literal: these tests need no DNS) is fine.
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"alias.set\"]}")
                .post("/api/v2/models/webhooks").then().statusCode(201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"url\": \"file:///etc/passwd\", \"events\": [\"alias.set\"]}")
                .post("/api/v2/models/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"));
    }

    @Test
    void aHostThatNowResolvesToAPrivateAddressIsNotSentToAndTheDeliveryFails() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String model = "rebound-" + UUID.randomUUID().toString().substring(0, 8);
            // As if subscribed while its name resolved to a public address, and since rebound to 127.0.0.1.
            UUID webhook = pool.preparedQuery("INSERT INTO webhooks (url, events, model_name, secret, created_by)"
                            + " VALUES ($1, ARRAY['model.created'], $2, 'a-secret-of-at-least-16-chars', 'test')"
                            + " RETURNING id")
                    .execute(Tuple.of(receiver.url("/" + model), model)).await().atMost(Duration.ofSeconds(10))
                    .iterator().next().getUUID("id");
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + model + "\"}")
                    .post("/api/v2/models/register").then().statusCode(201);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Map<String, Object> delivery;
            do {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The delivery was not refused within 10 s");
                }
                TimeUnit.MILLISECONDS.sleep(50);
                delivery = given().auth().oauth2(ADMIN).get("/api/v2/models/webhooks/" + webhook + "/deliveries")
                        .then().statusCode(200).extract().path("items[0]");
            } while (!"failed".equals(delivery.get("status")));
            assertEquals(1, delivery.get("attempts"));
            String error = (String) delivery.get("last_error");
            assertTrue(error.contains("resolves to 127.0.0.1") && error.contains("private network"), error);
            assertEquals(List.of(), receiver.received("/" + model));
        }
    }
}

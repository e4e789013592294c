package ai.platform.registry.webhooks;

import static ai.platform.registry.RegistryApi.ADMIN;
import static ai.platform.registry.RegistryApi.EDITOR;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receivers that never finish answering: each delivery has one deadline for all of it, keeps no more of an answer
 * than the history shows, and a slow receiver holds the others of its batch no longer than that deadline.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
@TestProfile(WebhookDeadlineTest.TwoSeconds.class)
class WebhookDeadlineTest {

    public static class TwoSeconds implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registry.webhooks.timeout", "2s");
        }
    }

    private static Vertx vertx;
    private static int dripPort;
    private static int floodPort;

    @BeforeAll
    static void startReceivers() throws Exception {
        vertx = Vertx.vertx();
        // Starts an answer and never finishes its headers: a byte every 200 ms, always within any idle timeout.
        dripPort = vertx.createNetServer().connectHandler(socket -> {
            socket.write("HTTP/1.1 200 OK\r\n");
            long timer = vertx.setPeriodic(200, tick -> socket.write("X"));
            socket.closeHandler(closed -> vertx.cancelTimer(timer));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        // Refuses with 503 and an error page that never ends.
        floodPort = vertx.createHttpServer().requestHandler(request -> {
            HttpServerResponse response = request.response().setStatusCode(503).setChunked(true);
            Buffer page = Buffer.buffer("x".repeat(8192));
            long timer = vertx.setPeriodic(5, tick -> {
                if (!response.writeQueueFull()) {
                    response.write(page);
                }
            });
            response.closeHandler(closed -> vertx.cancelTimer(timer));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterAll
    static void stopReceivers() {
        vertx.close();
    }

    private static String subscribe(String url, String model) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"url\": \"" + url + "\", \"events\": [\"model.created\"], \"model_name\": \"" + model + "\"}")
                .post("/api/v2/models/webhooks").then().statusCode(201).extract().path("id");
    }

    /** The webhook's one delivery, once {@code done} holds for it (polled, with a deadline). */
    private static Map<String, Object> awaitDelivery(String webhook, Predicate<Map<String, Object>> done,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Map<String, Object>> items = given().auth().oauth2(ADMIN)
                    .get("/api/v2/models/webhooks/" + webhook + "/deliveries").then().statusCode(200)
                    .extract().path("items");
            if (items.size() == 1 && done.test(items.get(0))) {
                return items.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Delivery of " + webhook + " is " + items + " after " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Test
    void slowAndEndlessAnswersAreCutOffAtTheDeadlineWithoutHoldingTheOthers() throws Exception {
        String model = "deadline-" + UUID.randomUUID().toString().substring(0, 8);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String fast = subscribe(receiver.url("/" + model), model);
            String drip = subscribe("http://127.0.0.1:" + dripPort + "/hook", model);
            String flood = subscribe("http://127.0.0.1:" + floodPort + "/hook", model);
            long registered = System.nanoTime();
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + model + "\"}")
                    .post("/api/v2/models/register").then().statusCode(201);

            // One batch: the fast receiver's delivery is recorded once the others are cut off, at the deadline.
            awaitDelivery(fast, d -> "delivered".equals(d.get("status")), Duration.ofSeconds(8));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - registered);
            assertTrue(tookMillis < 6000, "recorded after " + tookMillis + " ms");

            Map<String, Object> dripped = awaitDelivery(drip, d -> d.get("last_error") != null, Duration.ofSeconds(8));
            assertEquals("pending", dripped.get("status"));
            assertTrue(((String) dripped.get("last_error")).contains("No answer within 2000 ms"),
                    (String) dripped.get("last_error"));

            Map<String, Object> flooded = awaitDelivery(flood, d -> d.get("last_error") != null,
                    Duration.ofSeconds(8));
            assertEquals("pending", flooded.get("status"));
            assertEquals(503, flooded.get("response_code"));
            // The start of the error page, as much as the history keeps.
            assertEquals("HTTP 503: " + "x".repeat(WebhookCourier.MAX_KEPT_BODY), flooded.get("last_error"));
        }
    }
}

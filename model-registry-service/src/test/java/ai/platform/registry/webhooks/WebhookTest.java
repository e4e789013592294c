package ai.platform.registry.webhooks;

import static ai.platform.registry.RegistryApi.ADMIN;
import static ai.platform.registry.RegistryApi.EDITOR;
import static ai.platform.registry.RegistryApi.stage;
import static ai.platform.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class WebhookTest {

    private static final String WEBHOOKS = "/api/v2/models/webhooks";
    private static final String SECRET = "a-secret-of-at-least-16-chars";

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse subscribe(String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json).post(WEBHOOKS).then();
    }

    /** Subscribes {@code path} of the receiver to {@code events} of {@code model}; the webhook's id. */
    private static String subscribe(String path, String model, String events) {
        return subscribe(ADMIN, "{\"url\": \"" + receiver.url(path) + "\", \"events\": [" + events + "],"
                + " \"model_name\": \"" + model + "\", \"secret\": \"" + SECRET + "\"}")
                .statusCode(201).extract().path("id");
    }

    private static void register(String model) {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + model + "\"}")
                .post("/api/v2/models/register").then().statusCode(201);
    }

    private static ValidatableResponse deliveries(String webhook) {
        return given().auth().oauth2(ADMIN).get(WEBHOOKS + "/" + webhook + "/deliveries").then().statusCode(200);
    }

    private static String hmac(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void deliversEachEventSignedWithTheSecret() throws Exception {
        String model = unique("hooked");
        String path = "/" + model;
        String webhook = subscribe(path, model,
                "\"model.created\", \"version.created\", \"version.stage_changed\", \"alias.set\"");
        register(model);
        version(model, ", \"run_id\": \"run-7\"");
        stage(model, 1, "Staging", EDITOR, 200);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"alias\": \"champion\", \"version\": 1}")
                .post("/api/v2/models/" + model + "/alias").then().statusCode(200);

        List<WebhookReceiver.Received> received = receiver.await(path, 4, Duration.ofSeconds(20));
        for (WebhookReceiver.Received delivery : received) {
            String timestamp = delivery.headers().get("X-Platform-Timestamp");
            assertEquals(hmac(timestamp, delivery.body()), delivery.headers().get("X-Platform-Signature"));
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) < 60);
            assertEquals(delivery.json().getString("type"), delivery.headers().get("X-Platform-Event"));
            assertEquals("application/json", delivery.headers().get("Content-Type"));
        }
        JsonObject created = byType(received, "model.created");
        assertEquals(model, created.getJsonObject("data").getString("name"));
        assertEquals("ml-engineer", created.getJsonObject("data").getString("created_by"));
        JsonObject version = byType(received, "version.created").getJsonObject("data");
        assertEquals(1, version.getInteger("version"));
        assertEquals("run-7", version.getString("run_id"));
        assertEquals("ready", version.getString("status"));
        JsonObject staged = byType(received, "version.stage_changed").getJsonObject("data");
        assertEquals("None", staged.getString("from_stage"));
        assertEquals("Staging", staged.getString("to_stage"));
        assertEquals("c", staged.getString("comment"));
        JsonObject alias = byType(received, "alias.set").getJsonObject("data");
        assertEquals("champion", alias.getString("alias"));
        assertEquals(1, alias.getInteger("version"));
        assertTrue(alias.containsKey("previous_version") && alias.getValue("previous_version") == null);

        deliveries(webhook).body("items", hasSize(4))
                .body("items.event_type", contains("alias.set", "version.stage_changed", "version.created",
                        "model.created"))
                .body("items.status", everyItem(equalTo("delivered")))
                .body("items.attempts", everyItem(equalTo(1)))
                .body("items.response_code", everyItem(equalTo(200)))
                .body("items.next_attempt_at", everyItem(nullValue()));
    }

    private static JsonObject byType(List<WebhookReceiver.Received> received, String type) {
        return received.stream().map(WebhookReceiver.Received::json).filter(json -> type.equals(json.getString("type")))
                .findFirst().orElseThrow(() -> new AssertionError("No " + type + " delivery"));
    }

    @Test
    void retriesARefusedDeliveryWithGrowingWaitsAndKeepsItsHistory() throws Exception {
        String model = unique("flaky");
        String path = "/" + model;
        register(model);
        version(model, "");
        String webhook = subscribe(path, model, "\"alias.set\"");
        receiver.refuseNext(path, 2);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"alias\": \"challenger\", \"version\": 1}")
                .post("/api/v2/models/" + model + "/alias").then().statusCode(200);

        receiver.await(path, 2, Duration.ofSeconds(20));
        deliveries(webhook).body("items[0].status", equalTo("pending"))
                .body("items[0].response_code", equalTo(503))
                .body("items[0].last_error", equalTo("HTTP 503: down for maintenance"));
        List<WebhookReceiver.Received> attempts = receiver.await(path, 3, Duration.ofSeconds(30));
        // Waits double: about one second after the first refusal, two after the second (never less).
        long firstWait = attempts.get(1).arrivedAtMillis() - attempts.get(0).arrivedAtMillis();
        long secondWait = attempts.get(2).arrivedAtMillis() - attempts.get(1).arrivedAtMillis();
        assertTrue(firstWait >= 900, "first wait " + firstWait + " ms");
        assertTrue(secondWait >= 1900, "second wait " + secondWait + " ms");
        assertEquals(attempts.get(0).json(), attempts.get(2).json());
        awaitDelivered(webhook);
        deliveries(webhook).body("items", hasSize(1)).body("items[0].attempts", equalTo(3))
                .body("items[0].response_code", equalTo(200)).body("items[0].last_error", nullValue());
    }

    /** The delivery is recorded just after the receiver answered: wait for the record, with a deadline. */
    private static void awaitDelivered(String webhook) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"delivered".equals(deliveries(webhook).extract().path("items[0].status"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The delivery was not recorded as delivered");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void recordsOnlySubscribedEventsOfTheModelAndOnlyForChangesThatCommit() {
        String model = unique("filtered");
        String other = unique("unwatched");
        String path = "/" + model;
        String webhook = subscribe(path, model, "\"model.created\", \"version.stage_changed\"");
        register(model);
        register(other);
        // A duplicate registration rolls back: no event for it.
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + model + "\"}")
                .post("/api/v2/models/register").then().statusCode(409);
        version(model, "");
        version(model, "");
        version(other, "");
        stage(other, 1, "Staging", EDITOR, 200);
        // Moving v2 to Staging with archive_existing_versions archives v1: two stage changes, both told.
        stage(model, 1, "Staging", EDITOR, 200);
        stage(model, 2, "Staging", EDITOR, 200);
        // A refused transition changes nothing and tells nothing.
        stage(model, 2, "Staging", EDITOR, 409);
        deliveries(webhook).body("items.event_type", contains("version.stage_changed", "version.stage_changed",
                        "version.stage_changed", "model.created"))
                .body("items.payload.data.version", contains(2, 1, 1, null))
                .body("items.payload.data.to_stage", contains("Staging", "Archived", "Staging", null));
        given().auth().oauth2(ADMIN).queryParam("status", "failed").get(WEBHOOKS + "/" + webhook + "/deliveries")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void concurrentAliasMovesTellOneUnbrokenChainOfPreviousVersions() throws Exception {
        String model = unique("contested");
        register(model);
        for (int i = 0; i < 4; i++) {
            version(model, "");
        }
        String webhook = subscribe("/" + model, model, "\"alias.set\"");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> moves = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int target = i % 4 + 1;
                moves.add(clients.submit(() -> given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                        .body("{\"alias\": \"champion\", \"version\": " + target + "}")
                        .post("/api/v2/models/" + model + "/alias").then().extract().statusCode()));
            }
            for (Future<Integer> move : moves) {
                assertEquals(200, move.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        // Oldest first, each event's previous version is the version the event before it set: no move was lost.
        // A set that found the alias already there (two clients in a row sending it to one version) tells nothing.
        List<Map<String, Object>> events = given().auth().oauth2(ADMIN).queryParam("page_size", 100)
                .get(WEBHOOKS + "/" + webhook + "/deliveries").then().statusCode(200)
                .extract().path("items.payload.data");
        Collections.reverse(events);
        assertTrue(events.size() > 1 && events.size() <= 24, events.size() + " events");
        assertEquals(null, events.get(0).get("previous_version"));
        for (int i = 1; i < events.size(); i++) {
            assertEquals(events.get(i - 1).get("version"), events.get(i).get("previous_version"), "event " + i);
            assertNotEquals(events.get(i).get("version"), events.get(i).get("previous_version"), "event " + i);
        }
        given().auth().oauth2(EDITOR).get("/api/v2/models/" + model + "/alias/champion").then().statusCode(200)
                .body("version", equalTo(events.get(events.size() - 1).get("version")));
    }

    @Test
    void settingAnAliasWhereItAlreadyPointsTellsNobody() {
        String model = unique("steady");
        register(model);
        version(model, "");
        version(model, "");
        String webhook = subscribe("/" + model, model, "\"alias.set\"");
        for (int version : new int[] {1, 1, 2, 2}) {
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                    .body("{\"alias\": \"champion\", \"version\": " + version + "}")
                    .post("/api/v2/models/" + model + "/alias").then().statusCode(200)
                    .body("aliases", contains("champion"));
        }
        // Deliveries are recorded with the change: two moves, two events, none for the repeats.
        deliveries(webhook).body("items.payload.data.version", contains(2, 1))
                .body("items.payload.data.previous_version", contains(1, null));
    }

    @Test
    void aModelsWebhooksFollowItThroughARename() {
        String model = unique("before");
        String renamed = unique("after");
        register(model);
        String webhook = subscribe("/" + model, model, "\"version.created\"");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"" + model + "\", \"new_name\": \"" + renamed + "\"}")
                .post("/api/2.0/mlflow/registered-models/rename").then().statusCode(200);
        version(renamed, "");
        // A model registered under the old name is another model: not this webhook's.
        register(model);
        version(model, "");
        deliveries(webhook).body("items", hasSize(1)).body("items[0].payload.data.name", equalTo(renamed));
        given().auth().oauth2(ADMIN).get(WEBHOOKS + "/" + webhook).then().statusCode(200)
                .body("model_name", equalTo(renamed));
    }

    @Test
    void theMlflowApiTellsTheSameEvents() throws Exception {
        String model = unique("via-mlflow");
        String path = "/" + model;
        subscribe(path, model, "\"model.created\", \"version.created\"");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + model + "\"}")
                .post("/api/2.0/mlflow/registered-models/create").then().statusCode(200);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"" + model + "\", \"source\": \"runs:/r/model\"}")
                .post("/api/2.0/mlflow/model-versions/create").then().statusCode(200);
        List<String> types = receiver.await(path, 2, Duration.ofSeconds(20)).stream()
                .map(received -> received.json().getString("type")).sorted().toList();
        assertEquals(List.of("model.created", "version.created"), types);
    }

    @Test
    void managesWebhooksAndShowsTheGeneratedSecretOnce() {
        String created = subscribe(ADMIN, "{\"url\": \"https://hooks.example.com/registry\", \"events\": "
                + "[\"alias.set\"], \"description\": \"release bot\"}")
                .statusCode(201).header("Location", containsString(WEBHOOKS + "/"))
                .body("secret", matchesPattern("[0-9a-f]{64}"))
                .body("model_name", nullValue())
                .body("events", contains("alias.set"))
                .extract().path("id");
        given().auth().oauth2(ADMIN).get(WEBHOOKS + "/" + created).then().statusCode(200)
                .body("url", equalTo("https://hooks.example.com/registry"))
                .body("description", equalTo("release bot"))
                .body("$", not(hasKey("secret")));
        given().auth().oauth2(ADMIN).queryParam("page_size", 1000).get(WEBHOOKS).then().statusCode(200)
                .body("items.id", hasItem(created));
        given().auth().oauth2(ADMIN).delete(WEBHOOKS + "/" + created).then().statusCode(204);
        given().auth().oauth2(ADMIN).get(WEBHOOKS + "/" + created).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(ADMIN).delete(WEBHOOKS + "/" + created).then().statusCode(404);
    }

    @Test
    void refusesBadSubscriptionsAndUnknownWebhooks() {
        String url = "\"url\": \"http://127.0.0.1:9/x\"";
        subscribe(ADMIN, "{\"events\": [\"alias.set\"]}").statusCode(400).body("errors[0].field", equalTo("url"));
        subscribe(ADMIN, "{\"url\": \"ftp://files/x\", \"events\": [\"alias.set\"]}").statusCode(400)
                .body("errors[0].field", equalTo("url"));
        subscribe(ADMIN, "{" + url + ", \"events\": []}").statusCode(400).body("errors[0].field", equalTo("events"));
        subscribe(ADMIN, "{" + url + ", \"events\": [\"model.deleted\"]}").statusCode(400)
                .contentType("application/problem+json");
        subscribe(ADMIN, "{" + url + ", \"events\": [\"alias.set\"], \"secret\": \"short\"}").statusCode(400)
                .body("errors[0].field", equalTo("secret"));
        subscribe(ADMIN, "{" + url + ", \"events\": \"alias.set\"}").statusCode(400);
        subscribe(EDITOR, "{" + url + ", \"events\": [\"alias.set\"]}").statusCode(403);
        given().auth().oauth2(EDITOR).get(WEBHOOKS).then().statusCode(403);
        given().auth().oauth2(ADMIN).get(WEBHOOKS + "/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().auth().oauth2(ADMIN).get(WEBHOOKS + "/" + UUID.randomUUID() + "/deliveries").then().statusCode(404);
        String webhook = subscribe(ADMIN, "{" + url + ", \"events\": [\"alias.set\"]}").statusCode(201)
                .extract().path("id");
        given().auth().oauth2(ADMIN).queryParam("status", "lost").get(WEBHOOKS + "/" + webhook + "/deliveries")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(ADMIN).queryParam("page_token", "@@").get(WEBHOOKS + "/" + webhook + "/deliveries")
                .then().statusCode(400);
        // 'webhooks' names the webhooks' collection: no model may take it, through either API.
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"webhooks\"}")
                .post("/api/v2/models/register").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"webhooks\"}")
                .post("/api/2.0/mlflow/registered-models/create").then().statusCode(400)
                .body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
    }
}

package ai.platform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.gateway.routing.ProxyHandler;
import ai.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
class GatewayTest {

    @Inject
    Vertx vertx;

    private static final Map<String, String> PATH_TO_SERVICE = Map.of(
            "/api/v2/feature-store/groups", "feature-store",
            "/api/v2/models/fraud/versions/3", "models",
            "/api/2.0/mlflow/registered-models/get", "models",
            "/api/v2/lineage/dataset/d1", "lineage",
            "/api/v2/notebooks", "notebooks",
            "/api/v2/data/quality/rules", "quality");

    private static String token() {
        return TestTokens.token("user-" + UUID.randomUUID(), "editor");
    }

    @Test
    void routesEveryPrefixWithPathQueryAndTokenUnchanged() {
        String token = token();
        PATH_TO_SERVICE.forEach((path, service) -> given().auth().oauth2(token)
                .queryParam("page_size", 5).queryParam("q", "a b")
                .when().get(path)
                .then().statusCode(200)
                .body("service", equalTo(service))
                .body("method", equalTo("GET"))
                .body("path", equalTo(path))
                .body("query", equalTo("page_size=5&q=a%20b"))
                .body("headers.authorization", equalTo("Bearer " + token)));
    }

    @Test
    void postsBodyAndHeadersAndLocationPointsAtTheGateway() throws Exception {
        byte[] body = "{\"name\":\"churn\",\"entity_keys\":[\"user_id\"]}".getBytes();
        given().auth().oauth2(token()).contentType("application/json").header("X-Custom", "kept")
                .body(body)
                .when().post("/api/v2/feature-store/groups")
                .then().statusCode(201)
                .header("Location", equalTo("http://localhost:" + RestAssured.port + "/api/v2/feature-store/groups/created"))
                .body("method", equalTo("POST"))
                .body("headers.x-custom", equalTo("kept"))
                .body("headers.content-type", startsWith("application/json"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("body_bytes", equalTo(body.length))
                .body("body_sha256", equalTo(sha256(body)));
    }

    @Test
    void streamsLargeUploadsThrough() throws Exception {
        byte[] body = new byte[12 * 1024 * 1024];
        new Random(7).nextBytes(body);
        given().auth().oauth2(token()).contentType("application/octet-stream").body(body)
                .when().put("/api/v2/models/fraud/versions/1/artifacts/model.bin")
                .then().statusCode(200)
                .body("body_bytes", equalTo(body.length))
                .body("body_sha256", equalTo(sha256(body)));
    }

    @Test
    void streamsLargeDownloadsThrough() throws Exception {
        long size = 40L * 1024 * 1024;
        InputStream stream = given().auth().oauth2(token())
                .when().get("/api/v2/models/fraud/versions/1/download?bytes=" + size)
                .then().statusCode(200).extract().asInputStream();
        assertEquals(size, readPattern(stream));
    }

    @Test
    void passesAnnouncedLengthsOnForSmallAndLargeAnswers() throws Exception {
        // Small answers are gathered and sent in one write, larger ones stream; both keep the service's length.
        for (long size : new long[] {0, 1_000, ProxyHandler.BUFFERED_BODY_LIMIT, ProxyHandler.BUFFERED_BODY_LIMIT + 1,
                5L * 1024 * 1024}) {
            var response = given().auth().oauth2(token())
                    .when().get("/api/v2/models/fraud/versions/1/download?sized=true&bytes=" + size)
                    .then().statusCode(200)
                    .header("Content-Length", String.valueOf(size))
                    .header("Transfer-Encoding", nullValue())
                    .extract();
            assertEquals(size, readPattern(response.asInputStream()), "bytes of a " + size + "-byte answer");
        }
    }

    @Test
    void dropsHopByHopHeadersBothWaysAndDatesTheAnswer() {
        given().auth().oauth2(token())
                .header("Connection", "X-Client-Hop")
                .header("X-Client-Hop", "for the gateway only")
                .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
                .header("X-End-To-End", "for the service")
                .when().get("/api/v2/feature-store/hop-by-hop")
                .then().statusCode(200)
                .body("headers.x-client-hop", nullValue())
                .body("headers.proxy-authorization", nullValue())
                .body("headers.x-end-to-end", equalTo("for the service"))
                .header("X-Upstream-Hop", nullValue())
                .header("Proxy-Authenticate", nullValue())
                .header("X-End-To-End", equalTo("for the client"))
                .header("Date", notNullValue());
    }

    @Test
    void answersExpectContinueSoTheClientSendsItsBodyAtOnce() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        new Random(11).nextBytes(body);
        HttpClient client = vertx.createHttpClient();
        try {
            long started = System.nanoTime();
            boolean[] continued = {false};
            JsonObject echo = client.request(HttpMethod.PUT, RestAssured.port, "localhost",
                            "/api/v2/models/fraud/versions/1/artifacts/model.bin")
                    .compose(request -> {
                        request.putHeader("Authorization", "Bearer " + token())
                                .putHeader("Expect", "100-continue")
                                .putHeader("Content-Length", String.valueOf(body.length));
                        // The body leaves only on the go-ahead, as curl's would (curl gives up waiting after 1 s).
                        request.continueHandler(go -> {
                            continued[0] = true;
                            request.end(Buffer.buffer(body));
                        });
                        return request.sendHead().compose(sent -> request.response());
                    })
                    .compose(response -> response.body().map(Buffer::toJsonObject))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(continued[0], "the gateway sent 100 Continue");
            assertEquals(body.length, echo.getLong("body_bytes"));
            assertEquals(sha256(body), echo.getString("body_sha256"));
            assertFalse(echo.getJsonObject("headers").containsKey("expect"), "the expectation was met, not passed on");
            assertTrue(millis < 900, "answered in " + millis + " ms, not after a client's wait for the go-ahead");
        } finally {
            client.close();
        }
    }

    @Test
    void headRequestsGetTheHeadWithoutABody() {
        String body = given().auth().oauth2(token())
                .when().head("/api/v2/models/fraud/versions/1/download?sized=true&bytes=5000")
                .then().statusCode(200)
                .header("Content-Length", "5000")
                .extract().asString();
        assertEquals("", body);
    }

    /** Reads a download to its end, checking every byte of the pattern; returns how many bytes came. */
    private static long readPattern(InputStream stream) throws Exception {
        long received = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = stream.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] != (byte) (((received + i) % (64 * 1024)) % 251)) {
                    throw new AssertionError("byte " + (received + i) + " differs");
                }
            }
            received += n;
        }
        return received;
    }

    @Test
    void refusesMissingMalformedExpiredAndForeignTokensBeforeRouting() {
        for (String header : new String[] {null, "Basic dXNlcjpwYXNz", "Bearer not-a-jwt",
                "Bearer " + TestTokens.expired("late"), "Bearer " + TestTokens.signedByStranger("mallory")}) {
            withAuthorization(header).when().get("/api/v2/lineage/dataset/d1")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401))
                    .body("title", equalTo("Unauthorized"))
                    .body("type", equalTo("urn:ai-platform:problem:unauthenticated"))
                    .body("detail", containsString("token"));
        }
    }

    @Test
    void refusesTokensOnTheMlflowPathsInMlflowsErrorShape() {
        for (String header : new String[] {null, "Bearer " + TestTokens.expired("late"),
                "Bearer " + TestTokens.signedByStranger("mallory")}) {
            withAuthorization(header).when().get("/api/2.0/mlflow/registered-models/get")
                    .then().statusCode(401)
                    .contentType("application/json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("error_code", equalTo("UNAUTHENTICATED"))
                    .body("message", containsString("token"));
        }
    }

    /** A request with this Authorization header, or none when null. */
    private static RequestSpecification withAuthorization(String header) {
        return header == null ? given() : given().header("Authorization", header);
    }

    @Test
    void keepsTheClientsRequestIdAndMakesOneWhenAbsent() {
        given().auth().oauth2(token()).header("X-Request-Id", "abc-123")
                .when().get("/api/v2/notebooks")
                .then().statusCode(200)
                .header("X-Request-Id", "abc-123")
                .body("headers.x-request-id", equalTo("abc-123"));

        Response response = given().auth().oauth2(token()).when().get("/api/v2/notebooks");
        String made = response.header("X-Request-Id");
        response.then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("headers.x-request-id", equalTo(made));

        given().when().get("/api/v2/notebooks").then().statusCode(401)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void unknownPrefixIsNotFound() {
        given().auth().oauth2(token()).when().get("/api/v2/nothing-here/x")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("/api/v2/nothing-here/x"));
        given().auth().oauth2(token()).when().get("/api/v2/modelsx")
                .then().statusCode(404);
    }

    @Test
    void unreachableServiceIsServiceUnavailableQuickly() {
        long started = System.nanoTime();
        given().auth().oauth2(token()).when().get("/api/v2/unreachable/anything")
                .then().statusCode(503).contentType("application/problem+json")
                .body("status", equalTo(503))
                .body("detail", containsString("unreachable"));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 3000, "503 must come quickly");
    }

    @Test
    void slowServiceIsGatewayTimeoutAndTheGatewayStaysHealthy() {
        long started = System.nanoTime();
        given().auth().oauth2(token()).when().get("/api/v2/lineage/slow")
                .then().statusCode(504).contentType("application/problem+json")
                .body("status", equalTo(504))
                .body("detail", containsString(UpstreamServers.SLOW_TIMEOUT_MILLIS + " ms"));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis < UpstreamServers.SLOW_TIMEOUT_MILLIS * 3, "took " + elapsedMillis + " ms");
        given().when().get("/q/health/live").then().statusCode(200);
        given().auth().oauth2(token()).when().get("/api/v2/lineage/dataset/d1").then().statusCode(200);
    }

    @Test
    void limitsTheRatePerIdentityWithRetryAfter() {
        String busy = token();
        int limited = 0;
        Response refused = null;
        for (int i = 0; i < 60 && refused == null; i++) {
            Response response = given().auth().oauth2(busy).when().get("/api/v2/quality/rules".replace(
                    "/quality", "/data/quality"));
            if (response.statusCode() == 429) {
                limited++;
                refused = response;
            }
        }
        assertTrue(limited > 0, "a burst of 60 above a 20 burst / 5 per second limit must be refused");
        refused.then().contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("status", equalTo(429));
        // Another identity is not affected.
        given().auth().oauth2(token()).when().get("/api/v2/data/quality/rules").then().statusCode(200);
    }

    @Test
    void statusShowsEachServicesReadinessAndVersion() {
        given().auth().oauth2(token()).when().get("/api/v2/status")
                .then().statusCode(200)
                .body("status", equalTo("DEGRADED"))
                .body("services.size()", equalTo(6))
                .body("services.find { it.name == 'lineage' }.ready", equalTo(true))
                .body("services.find { it.name == 'lineage' }.version", equalTo("2.1.0-test"))
                .body("services.find { it.name == 'models' }.prefixes", hasItem("/api/2.0/mlflow"))
                .body("services.find { it.name == 'unreachable' }.ready", equalTo(false))
                .body("services.find { it.name == 'unreachable' }.status", equalTo("UNREACHABLE"))
                .body("services.find { it.name == 'unreachable' }.latency_ms", lessThan(2000));
        given().when().get("/api/v2/status").then().statusCode(401);
    }

    @Test
    void mergesTheServicesOpenApiDocuments() throws Exception {
        Response document = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            document = given().when().get("/openapi.json");
            if (document.jsonPath().getMap("paths").size() >= 6) {
                break;
            }
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(100);
        }
        document.then().statusCode(200)
                .body("paths", hasKey("/api/v2/status"))
                .body("paths", hasKey("/api/v2/feature-store/things"))
                .body("paths", hasKey("/api/v2/data/quality/things"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas.Thing.description", equalTo("feature-store"))
                .body("components.schemas.ModelsThing.description", equalTo("models"))
                .body("paths.'/api/v2/models/things'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ModelsThing"))
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

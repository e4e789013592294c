package ai.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

/**
 * What every service promises, whatever it does: management endpoints, the token check on its API, problem
 * documents and request ids. A service's test extends this with {@code @QuarkusTest} and names one of its
 * API paths that any authenticated caller may GET.
 */
public abstract class ServiceContractTest {

    /** An API path a viewer may read, e.g. {@code /api/v2/lineage/graph}. */
    protected abstract String readablePath();

    /** A path prefix this service owns, where nothing is served. */
    protected abstract String apiPrefix();

    @Test
    void servesHealthMetricsInfoAndOpenApiWithoutAToken() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
        given().when().get("/q/info").then().statusCode(200).body("build", hasKey("version"));
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey(readablePath()))
                .body("components.securitySchemes", hasKey("jwt"))
                .body("components.schemas", hasKey("Problem"))
                .body("paths.'" + readablePath() + "'.get.responses.'401'.content.'application/problem+json'"
                        + ".schema.'$ref'", equalTo("#/components/schemas/Problem"));
    }

    @Test
    void refusesTheApiWithoutAValidToken() {
        given().when().get(readablePath()).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        given().auth().oauth2(TestTokens.expired("late")).when().get(readablePath()).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2(TestTokens.signedByStranger("mallory")).when().get(readablePath())
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("reader", "viewer")).when().get(readablePath())
                .then().statusCode(200);
    }

    @Test
    void answersUnknownPathsWithAProblemAndKeepsTheRequestId() {
        given().auth().oauth2(TestTokens.token("reader", "viewer")).header("X-Request-Id", "req-42")
                .when().get(apiPrefix() + "/no/such/thing/here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", "req-42")
                .body("status", equalTo(404))
                .body(not(containsString("Exception")));
    }
}

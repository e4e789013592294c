package ai.platform.registry;

import static io.restassured.RestAssured.given;

import ai.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import java.util.UUID;

/** Test helpers: register models and versions through the API, with names unique to the test. */
public final class RegistryApi {

    public static final String EDITOR = TestTokens.token("ml-engineer", "editor");
    public static final String ADMIN = TestTokens.token("release-manager", "admin");

    private RegistryApi() {
    }

    public static String model(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                .post("/api/v2/models/register").then().statusCode(201);
        return name;
    }

    public static int version(String model, String extraJson) {
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"model_uri\": \"s3://models/" + model + "\"" + extraJson + "}")
                .post("/api/v2/models/" + model + "/versions")
                .then().statusCode(201).extract().path("version");
    }

    public static void stage(String model, int version, String stage, String token, int expectedStatus) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"stage\": \"" + stage + "\", \"archive_existing_versions\": true, \"comment\": \"c\"}")
                .put("/api/v2/models/" + model + "/versions/" + version + "/stage")
                .then().statusCode(expectedStatus);
    }
}

package ai.platform.registry.versioning;

import static ai.platform.registry.RegistryApi.EDITOR;
import static ai.platform.registry.RegistryApi.model;
import static ai.platform.registry.RegistryApi.stage;
import static ai.platform.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class VersionLifecycleTest {

    private static io.restassured.response.ValidatableResponse patch(String model, int version, String body) {
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(body)
                .patch("/api/v2/models/" + model + "/versions/" + version).then();
    }

    @Test
    void aPendingVersionBecomesReadyOrFailedAndAFailedOneStaysOut() {
        String name = model("lifecycle");
        version(name, ", \"await_upload\": true");
        version(name, ", \"await_upload\": true");
        // Ready needs its files: none are up yet.
        patch(name, 1, "{\"status\": \"ready\"}").statusCode(409);
        given().auth().oauth2(EDITOR).contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .put("/api/v2/models/" + name + "/versions/1/artifacts/model.bin").then().statusCode(201);
        patch(name, 1, "{\"status\": \"ready\", \"tags\": {\"validated\": \"yes\"}}").statusCode(200)
                .body("status", equalTo("ready")).body("tags.validated", equalTo("yes"));
        patch(name, 2, "{\"status\": \"failed\"}").statusCode(200);
        patch(name, 2, "{\"status\": \"ready\"}").statusCode(409);
        stage(name, 2, "Staging", EDITOR, 409);
        patch(name, 1, "{\"status\": \"pending\"}").statusCode(409);
        patch(name, 1, "{\"status\": \"archived\"}").statusCode(200);
        patch(name, 9, "{\"description\": \"x\"}").statusCode(404);
        patch(name, 1, "{\"status\": \"gone\"}").statusCode(400);
    }

    @Test
    void searchesVersionsAcrossModels() {
        String run = "run-" + UUID.randomUUID();
        String a = model("search-a");
        String b = model("search-b");
        version(a, ", \"run_id\": \"" + run + "\", \"tags\": {\"dataset\": \"2026-11\"}");
        version(b, ", \"run_id\": \"" + run + "\"");
        version(b, "");
        given().auth().oauth2(EDITOR).queryParam("run_id", run).when().get("/api/v2/model-versions")
                .then().statusCode(200).body("items.name", contains(b, a));
        given().auth().oauth2(EDITOR).queryParam("run_id", run).queryParam("tag", "dataset:2026-11")
                .when().get("/api/v2/model-versions")
                .then().statusCode(200).body("items.name", contains(a));
        String next = given().auth().oauth2(EDITOR).queryParam("run_id", run).queryParam("page_size", 1)
                .when().get("/api/v2/model-versions")
                .then().statusCode(200).body("items.name", contains(b)).extract().path("next_page_token");
        given().auth().oauth2(EDITOR).queryParam("run_id", run).queryParam("page_size", 1)
                .queryParam("page_token", next).when().get("/api/v2/model-versions")
                .then().statusCode(200).body("items.name", contains(a));
        given().auth().oauth2(EDITOR).queryParam("status", "weird").when().get("/api/v2/model-versions")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }
}

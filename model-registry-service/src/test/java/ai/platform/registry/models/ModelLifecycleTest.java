package ai.platform.registry.models;

import static ai.platform.registry.RegistryApi.ADMIN;
import static ai.platform.registry.RegistryApi.EDITOR;
import static ai.platform.registry.RegistryApi.model;
import static ai.platform.registry.RegistryApi.stage;
import static ai.platform.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class ModelLifecycleTest {

    @Test
    void updatesDescriptionAndTagsAndFiltersByTagAndStage() {
        String team = "team-" + UUID.randomUUID().toString().substring(0, 6);
        String tagged = model("tagged");
        String other = model("other");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"description\": \"scores leads\", \"tags\": {\"team\": \"" + team + "\"}}")
                .when().patch("/api/v2/models/" + tagged)
                .then().statusCode(200).body("description", equalTo("scores leads"))
                .body("tags.team", equalTo(team));
        given().auth().oauth2(EDITOR).queryParam("tag", "team:" + team).when().get("/api/v2/models")
                .then().statusCode(200).body("items.name", contains(tagged));
        version(other, "");
        stage(other, 1, "Production", ADMIN, 200);
        given().auth().oauth2(EDITOR).queryParam("stage", "Production").queryParam("page_size", 1000)
                .when().get("/api/v2/models")
                .then().statusCode(200).body("items.name", hasItem(other)).body("items.name", not(hasItem(tagged)));
        given().auth().oauth2(EDITOR).queryParam("order_by", "newest").queryParam("page_size", 1)
                .when().get("/api/v2/models")
                .then().statusCode(200).body("items[0].name", equalTo(other));
        given().auth().oauth2(EDITOR).queryParam("tag", "no-colon").when().get("/api/v2/models")
                .then().statusCode(400).body("errors[0].field", equalTo("tag"));
        given().auth().oauth2(EDITOR).queryParam("order_by", "size").when().get("/api/v2/models")
                .then().statusCode(400).body("errors[0].field", equalTo("order_by"));
    }

    /** Files in the test artifact store (registry.storage.root in the test profile). */
    private static long storedFiles() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("target/test-artifacts");
        if (!java.nio.file.Files.exists(root)) {
            return 0;
        }
        try (var files = java.nio.file.Files.walk(root)) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    @Test
    void aModelWithAVersionInProductionCannotBeDeleted() throws Exception {
        String name = model("guarded");
        version(name, "");
        stage(name, 1, "Production", ADMIN, 200);
        version(name, ", \"await_upload\": true");
        given().auth().oauth2(EDITOR).contentType("application/octet-stream").body(new byte[] {7})
                .put("/api/v2/models/" + name + "/versions/2/artifacts/model.bin").then().statusCode(201);
        long filesBefore = storedFiles();
        given().auth().oauth2(EDITOR).when().delete("/api/v2/models/" + name).then().statusCode(403);
        given().auth().oauth2(ADMIN).when().delete("/api/v2/models/" + name)
                .then().statusCode(409).body("detail", containsString("[1]"));
        stage(name, 1, "Archived", ADMIN, 200);
        given().auth().oauth2(ADMIN).when().delete("/api/v2/models/" + name).then().statusCode(204);
        given().auth().oauth2(ADMIN).when().get("/api/v2/models/" + name).then().statusCode(404);
        assertEquals(filesBefore - 1, storedFiles(), "the model's files go with it");
        given().auth().oauth2(ADMIN).when().delete("/api/v2/models/" + name).then().statusCode(404);
    }
}

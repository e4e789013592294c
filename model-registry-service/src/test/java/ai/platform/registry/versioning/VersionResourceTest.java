package ai.platform.registry.versioning;

import static ai.platform.registry.RegistryApi.EDITOR;
import static ai.platform.registry.RegistryApi.model;
import static ai.platform.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class VersionResourceTest {

    @Test
    void fiftyClientsCreatingVersionsAtOnceGetEveryNumberOnce() {
        String name = model("concurrent");
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<Integer>> creations = IntStream.range(0, 50)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> version(name, ""), clients))
                    .toList();
            List<Integer> numbers = creations.stream().map(CompletableFuture::join).sorted().toList();
            assertEquals(IntStream.rangeClosed(1, 50).boxed().toList(), numbers);
        } finally {
            clients.shutdown();
        }
        given().auth().oauth2(EDITOR).queryParam("page_size", 1000).when().get("/api/v2/models/" + name + "/versions")
                .then().statusCode(200).body("items", hasSize(50)).body("items[0].version", equalTo(50));
    }

    @Test
    void createsGetsAndListsVersions() {
        String name = model("fraud");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"model_uri\": \"s3://models/fraud/1\", \"run_id\": \"run-7\", \"metadata\": {\"auc\": 0.93}}")
                .when().post("/api/v2/models/" + name + "/versions")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v2/models/" + name + "/versions/1"))
                .body("version", equalTo(1))
                .body("status", equalTo("ready"))
                .body("current_stage", equalTo("None"))
                .body("created_by", equalTo("ml-engineer"));
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/versions/1")
                .then().statusCode(200).body("run_id", equalTo("run-7")).body("metadata.auc", equalTo(0.93f))
                .body("aliases", hasSize(0));
        version(name, ", \"await_upload\": true");
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/versions/2")
                .then().statusCode(200).body("status", equalTo("pending"));
        // latest is the newest *ready* version: 2 is still pending.
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/latest")
                .then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void refusesBadVersionsAndUnknownModels() {
        String name = model("bad");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"run_id\": \"r\"}")
                .when().post("/api/v2/models/" + name + "/versions")
                .then().statusCode(400).body("errors.field", hasItem("model_uri"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"model_uri\": \"s3://x\"}")
                .when().post("/api/v2/models/no-such-model-" + name + "/versions")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/versions/abc")
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/versions/9")
                .then().statusCode(404);
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/latest")
                .then().statusCode(404);
        given().auth().oauth2(EDITOR).queryParam("stage", "Prod").when().get("/api/v2/models/" + name + "/latest")
                .then().statusCode(400).body("errors[0].field", equalTo("stage"));
        given().auth().oauth2(ai.platform.testing.TestTokens.token("v", "viewer")).contentType(ContentType.JSON)
                .body("{\"model_uri\": \"s3://x\"}").when().post("/api/v2/models/" + name + "/versions")
                .then().statusCode(403);
    }

    @Test
    void theModelShowsItsLatestVersionPerStage() {
        String name = model("details");
        version(name, "");
        version(name, "");
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name)
                .then().statusCode(200)
                .body("latest_versions", hasSize(1))
                .body("latest_versions[0].version", equalTo(2))
                .body("latest_versions[0].current_stage", equalTo("None"))
                .body("created_at", notNullValue());
    }
}

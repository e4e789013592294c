package ai.platform.registry.stages;

import static ai.platform.registry.RegistryApi.ADMIN;
import static ai.platform.registry.RegistryApi.EDITOR;
import static ai.platform.registry.RegistryApi.model;
import static ai.platform.registry.RegistryApi.stage;
import static ai.platform.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class StageResourceTest {

    @Test
    void recordsTransitionsAndArchivesTheVersionItReplaces() throws Exception {
        String name = model("churn");
        version(name, "");
        version(name, "");
        stage(name, 1, "Staging", EDITOR, 200);
        stage(name, 1, "Production", ADMIN, 200);
        TimeUnit.MILLISECONDS.sleep(20);
        String whenOneWasLive = Instant.now().toString();
        TimeUnit.MILLISECONDS.sleep(20);
        stage(name, 2, "Production", ADMIN, 200);

        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/versions/1")
                .then().body("current_stage", equalTo("Archived"));
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/versions/1/stages")
                .then().statusCode(200)
                .body("to_stage", contains("Staging", "Production", "Archived"))
                .body("from_stage", contains("None", "Staging", "Production"))
                .body("transitioned_by", contains("ml-engineer", "release-manager", "release-manager"))
                .body("[2].comment", containsString("version 2"));
        // What was in Production then, and now.
        given().auth().oauth2(EDITOR).queryParam("stage", "Production").queryParam("at", whenOneWasLive)
                .when().get("/api/v2/models/" + name + "/stages")
                .then().statusCode(200).body("version", contains(1));
        given().auth().oauth2(EDITOR).queryParam("stage", "Production")
                .when().get("/api/v2/models/" + name + "/stages")
                .then().statusCode(200).body("version", contains(2));
        given().auth().oauth2(EDITOR).queryParam("stage", "Production")
                .when().get("/api/v2/models/" + name + "/latest")
                .then().statusCode(200).body("version", equalTo(2));
    }

    private static void delete(String model, int version) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"" + model + "\", \"version\": \"" + version + "\"}")
                .delete("/api/2.0/mlflow/model-versions/delete").then().statusCode(200);
    }

    @Test
    void aDeletedVersionStaysInTheHistoryOfWhatWasWhereAndWhen() throws Exception {
        String name = model("forgotten");
        version(name, "");
        version(name, "");
        version(name, "");
        stage(name, 1, "Production", ADMIN, 200);
        stage(name, 3, "Staging", EDITOR, 200);
        TimeUnit.MILLISECONDS.sleep(20);
        String whenOneWasLive = Instant.now().toString();
        TimeUnit.MILLISECONDS.sleep(20);
        stage(name, 2, "Production", ADMIN, 200);
        delete(name, 1);
        delete(name, 3);

        given().auth().oauth2(EDITOR).get("/api/v2/models/" + name + "/versions/1").then().statusCode(404);
        given().auth().oauth2(EDITOR).queryParam("stage", "Production").queryParam("at", whenOneWasLive)
                .get("/api/v2/models/" + name + "/stages").then().statusCode(200).body("version", contains(1));
        given().auth().oauth2(EDITOR).queryParam("stage", "Staging").queryParam("at", whenOneWasLive)
                .get("/api/v2/models/" + name + "/stages").then().statusCode(200).body("version", contains(3));
        // Deleted, a version is in no stage any more: its history ends with the deletion.
        given().auth().oauth2(EDITOR).queryParam("stage", "Staging")
                .get("/api/v2/models/" + name + "/stages").then().statusCode(200).body("", hasSize(0));
        given().auth().oauth2(EDITOR).get("/api/v2/models/" + name + "/versions/1/stages").then().statusCode(200)
                .body("to_stage", contains("Production", "Archived"));
        given().auth().oauth2(EDITOR).get("/api/v2/models/" + name + "/versions/3/stages").then().statusCode(200)
                .body("to_stage", contains("Staging", "Archived"))
                .body("[1].from_stage", equalTo("Staging"))
                .body("[1].comment", equalTo("Version deleted"))
                .body("[1].transitioned_by", equalTo("release-manager"));
    }

    @Test
    void productionNeedsTheAdminRoleBothWays() {
        String name = model("guarded");
        version(name, "");
        stage(name, 1, "Production", EDITOR, 403);
        stage(name, 1, "Production", ADMIN, 200);
        stage(name, 1, "Staging", EDITOR, 403);
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/versions/1/stages")
                .then().body("", hasSize(1));
    }

    @Test
    void refusesIllegalTransitions() {
        String name = model("illegal");
        version(name, ", \"await_upload\": true");
        stage(name, 1, "Staging", EDITOR, 409);
        version(name, "");
        stage(name, 2, "Staging", EDITOR, 200);
        stage(name, 2, "Staging", EDITOR, 409);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"stage\": \"Live\"}")
                .when().put("/api/v2/models/" + name + "/versions/2/stage")
                .then().statusCode(400).contentType("application/problem+json");
        stage(name, 7, "Staging", EDITOR, 404);
        given().auth().oauth2(EDITOR).queryParam("at", "last tuesday")
                .when().get("/api/v2/models/" + name + "/stages")
                .then().statusCode(400).body("errors[0].field", equalTo("at"));
    }
}

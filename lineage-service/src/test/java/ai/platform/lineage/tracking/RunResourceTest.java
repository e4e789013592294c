package ai.platform.lineage.tracking;

import static ai.platform.lineage.LineageApi.EDITOR;
import static ai.platform.lineage.LineageApi.chain;
import static ai.platform.lineage.LineageApi.scope;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class RunResourceTest {

    private static String run(String s, String runId) {
        return """
                {"run_id": "%s", "job": "%s-train", "start_time": "2026-11-20T10:00:00Z",
                 "metadata": {"params": {"lr": 0.01}},
                 "inputs": [{"node_type": "dataset", "node_id": "%s-features"}],
                 "outputs": [{"node_type": "model_version", "node_id": "%s-churn/1"}]}
                """.formatted(runId, s, s, s);
    }

    @Test
    void recordsARunWithItsInputsAndOutputsAndShowsItsLineage() {
        String s = scope();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(run(s, s + "-r1"))
                .when().post("/api/v2/lineage/runs")
                .then().statusCode(201)
                .body("status", equalTo("running"))
                .body("inputs.node_id", containsInAnyOrder(s + "-features"))
                .body("outputs.node_id", containsInAnyOrder(s + "-churn/1"))
                .body("node_id", notNullValue());
        given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + s + "-r1")
                .then().statusCode(200).body("metadata.params.lr", equalTo(0.01f))
                .body("job", equalTo(s + "-train"));
        // The run is part of the graph: the model version's upstream reaches the features through it.
        given().auth().oauth2(EDITOR).queryParam("direction", "upstream")
                .when().get("/api/v2/lineage/model_version/" + s + "-churn/1")
                .then().statusCode(200)
                .body("nodes.node.node_id", containsInAnyOrder(s + "-churn/1", s + "-r1", s + "-features",
                        s + "-train"));
    }

    @Test
    void updatesStatusMetricsAndOutputsButNeverReopensAnEndedRun() {
        String s = scope();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(run(s, s + "-r2"))
                .post("/api/v2/lineage/runs").then().statusCode(201);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"status\": \"completed\", \"metadata\": {\"metrics\": {\"auc\": 0.91}}, "
                        + "\"outputs\": [{\"node_type\": \"artifact\", \"node_id\": \"" + s + "-report\"}]}")
                .when().patch("/api/v2/lineage/runs/" + s + "-r2")
                .then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("end_time", notNullValue())
                .body("metadata.metrics.auc", equalTo(0.91f))
                .body("metadata.params.lr", equalTo(0.01f))
                .body("outputs", hasSize(2));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"status\": \"running\"}")
                .when().patch("/api/v2/lineage/runs/" + s + "-r2")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("completed"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"status\": \"completed\"}")
                .when().patch("/api/v2/lineage/runs/" + s + "-nope")
                .then().statusCode(404);
    }

    @Test
    void aRefusedUpdateChangesNothing() {
        String s = scope();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(run(s, s + "-r4"))
                .post("/api/v2/lineage/runs").then().statusCode(201);
        // Its input as an output would close features -> run -> features: refused, and the status stays.
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"status\": \"completed\", \"outputs\": [{\"node_type\": \"dataset\", \"node_id\": \""
                        + s + "-features\"}]}")
                .when().patch("/api/v2/lineage/runs/" + s + "-r4")
                .then().statusCode(409).body("detail", containsString("cycle"));
        given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + s + "-r4")
                .then().statusCode(200).body("status", equalTo("running")).body("outputs", hasSize(1));
    }

    @Test
    void refusesDuplicatesCyclesAndBadInput() {
        String s = scope();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(run(s, s + "-r3"))
                .post("/api/v2/lineage/runs").then().statusCode(201);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(run(s, s + "-r3"))
                .post("/api/v2/lineage/runs").then().statusCode(409);
        chain(s, "out>in");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"run_id\": \"" + s + "-loop\", \"inputs\": [{\"node_type\": \"dataset\", \"node_id\": \""
                        + s + "-in\"}], \"outputs\": [{\"node_type\": \"dataset\", \"node_id\": \"" + s
                        + "-out\"}]}")
                .post("/api/v2/lineage/runs")
                .then().statusCode(409).body("detail", containsString("cycle"));
        given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + s + "-loop").then().statusCode(404);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"run_id\": \"x\", \"status\": \"paused\", \"start_time\": \"soon\"}")
                .post("/api/v2/lineage/runs").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"run_id\": \"x\", \"inputs\": [{\"node_type\": \"Bad Type\", \"node_id\": \"a\"}]}")
                .post("/api/v2/lineage/runs").then().statusCode(400)
                .body("errors[0].field", equalTo("inputs[0].node_type"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"job\": \"x\"}")
                .post("/api/v2/lineage/runs").then().statusCode(400).body("errors[0].field", equalTo("run_id"));
    }
}

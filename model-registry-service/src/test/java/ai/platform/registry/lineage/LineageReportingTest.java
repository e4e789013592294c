package ai.platform.registry.lineage;

import static ai.platform.registry.RegistryApi.EDITOR;
import static ai.platform.registry.RegistryApi.model;
import static ai.platform.registry.RegistryApi.stage;
import static ai.platform.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.registry.LineageStandIn;
import ai.platform.registry.RegistryApi;
import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
@QuarkusTestResource(LineageStandIn.class)
class LineageReportingTest {

    private static Optional<JsonObject> eventFor(String model, int version) {
        return LineageStandIn.RECEIVED.stream().filter(event -> event.containsKey("outputs")
                && event.getJsonArray("outputs").getJsonObject(0).getString("name").equals(model + "/" + version))
                .findFirst();
    }

    /** The facets {@code facet} of the dataset events about a version, in the order they arrived. */
    private static List<JsonObject> facets(String model, int version, String facet) {
        return LineageStandIn.RECEIVED.stream().filter(event -> event.containsKey("dataset"))
                .map(event -> event.getJsonObject("dataset"))
                .filter(dataset -> dataset.getString("name").equals(model + "/" + version)
                        && dataset.getJsonObject("facets").containsKey(facet))
                .map(dataset -> dataset.getJsonObject("facets").getJsonObject(facet)).toList();
    }

    private static List<JsonObject> awaitFacets(String model, int version, String facet, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (facets(model, version, facet).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + count + " " + facet + " events for " + model + "/" + version);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return facets(model, version, facet);
    }

    @Test
    void stageChangesAreReportedOnTheVersionsNodesArchivingsIncluded() throws Exception {
        String name = model("staged");
        version(name, "");
        version(name, "");
        stage(name, 1, "Staging", EDITOR, 200);
        stage(name, 2, "Staging", EDITOR, 200);
        JsonObject first = awaitFacets(name, 1, "platform_model_stage", 2).get(0);
        assertEquals("Staging", first.getString("stage"));
        assertEquals("None", first.getString("from_stage"));
        assertEquals("ml-engineer", first.getString("transitioned_by"));
        JsonObject archived = facets(name, 1, "platform_model_stage").get(1);
        assertEquals("Archived", archived.getString("stage"));
        assertEquals("Staging", archived.getString("from_stage"));
        assertEquals("Staging", awaitFacets(name, 2, "platform_model_stage", 1).get(0).getString("stage"));
        JsonObject event = LineageStandIn.RECEIVED.stream().filter(e -> e.containsKey("dataset")
                && e.getJsonObject("dataset").getString("name").equals(name + "/2")).findFirst().orElseThrow();
        assertEquals("model-registry", event.getJsonObject("dataset").getString("namespace"));
        assertEquals("model_version", event.getJsonObject("dataset").getJsonObject("facets")
                .getJsonObject("platform_node").getString("node_type"));
        assertTrue(event.getString("schemaURL").endsWith("DatasetEvent"));
    }

    @Test
    void aliasMovesReportTheAliasesOfBothVersions() throws Exception {
        String name = model("aliased-lineage");
        version(name, "");
        version(name, "");
        setAlias(name, "champion", 1);
        setAlias(name, "champion", 2);
        given().auth().oauth2(EDITOR).delete("/api/v2/models/" + name + "/alias/champion").then().statusCode(204);
        List<JsonObject> first = awaitFacets(name, 1, "platform_model_aliases", 2);
        assertEquals(List.of("champion"), first.get(0).getJsonArray("aliases").getList());
        assertEquals(List.of(), first.get(1).getJsonArray("aliases").getList());
        List<JsonObject> second = awaitFacets(name, 2, "platform_model_aliases", 2);
        assertEquals(List.of("champion"), second.get(0).getJsonArray("aliases").getList());
        assertEquals(List.of(), second.get(1).getJsonArray("aliases").getList());
    }

    @Test
    void deletingAVersionReportsItsAliasesGoneAndItsStageLeft() throws Exception {
        String name = model("deleted-lineage");
        version(name, "");
        version(name, "");
        stage(name, 1, "Staging", EDITOR, 200);
        setAlias(name, "champion", 1);
        setAlias(name, "challenger", 1);
        given().auth().oauth2(RegistryApi.ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"version\": \"1\"}")
                .delete("/api/2.0/mlflow/model-versions/delete").then().statusCode(200);
        List<JsonObject> aliases = awaitFacets(name, 1, "platform_model_aliases", 3);
        assertEquals(List.of(), aliases.get(2).getJsonArray("aliases").getList());
        JsonObject left = awaitFacets(name, 1, "platform_model_stage", 2).get(1);
        assertEquals("Archived", left.getString("stage"));
        assertEquals("Staging", left.getString("from_stage"));
        assertEquals("Version deleted", left.getString("comment"));
    }

    @Test
    void concurrentAliasDeletesAndSetsReportTheAliasesTheVersionEndsWith() throws Exception {
        String name = model("alias-race");
        version(name, "");
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                setAlias(name, "gone" + round, 1);
                String gone = "gone" + round;
                String kept = "kept" + round;
                // One deletes an alias of v1 while the other gives v1 another: whichever commits last must
                // report what both left, which it sees only if they queue on the model.
                Future<Integer> deleted = clients.submit(() -> given().auth().oauth2(EDITOR)
                        .delete("/api/v2/models/" + name + "/alias/" + gone).then().extract().statusCode());
                Future<Integer> set = clients.submit(() -> given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                        .body("{\"alias\": \"" + kept + "\", \"version\": 1}")
                        .post("/api/v2/models/" + name + "/alias").then().extract().statusCode());
                assertEquals(204, deleted.get(30, TimeUnit.SECONDS));
                assertEquals(200, set.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        List<String> actual = given().auth().oauth2(EDITOR).get("/api/v2/models/" + name + "/versions/1").then()
                .statusCode(200).extract().path("aliases");
        assertEquals(20, actual.size());
        // Twenty sets before and twenty after, twenty deletes: sixty reports, the last of them the truth.
        List<JsonObject> reported = awaitFacets(name, 1, "platform_model_aliases", 60);
        assertEquals(actual, reported.get(reported.size() - 1).getJsonArray("aliases").getList());
    }

    private static void setAlias(String model, String alias, int version) {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"alias\": \"" + alias + "\", \"version\": " + version + "}")
                .post("/api/v2/models/" + model + "/alias").then().statusCode(200);
    }

    private static JsonObject await(String model, int version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonObject> event = eventFor(model, version);
            if (event.isPresent()) {
                return event.get();
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("No lineage event for " + model + "/" + version + " within " + timeout);
    }

    @Test
    void aNewVersionIsReportedWithItsRunDatasetsAndParent() throws Exception {
        String name = model("reported");
        String runId = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"model_uri\": \"s3://m/1\"}")
                .post("/api/v2/models/" + name + "/versions").then().statusCode(201);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"model_uri\": \"s3://m/2\", \"run_id\": \"" + runId + "\", \"parent_version\": 1,"
                        + " \"training_datasets\": [\"s3://lake/features/churn\"]}")
                .post("/api/v2/models/" + name + "/versions").then().statusCode(201);
        JsonObject event = await(name, 2, Duration.ofSeconds(10));
        assertEquals("COMPLETE", event.getString("eventType"));
        assertEquals(runId, event.getJsonObject("run").getString("runId"));
        assertEquals("model-registry", event.getJsonObject("job").getString("namespace"));
        assertEquals(List.of("s3://lake/features/churn", "model-registry/" + name + "/1"),
                event.getJsonArray("inputs").stream().map(i -> ((JsonObject) i).getString("namespace") + "/"
                        + ((JsonObject) i).getString("name")).toList());
        assertEquals("model_version", event.getJsonArray("outputs").getJsonObject(0).getJsonObject("facets")
                .getJsonObject("platform_node").getString("node_type"));
        assertTrue(LineageStandIn.AUTHORIZATIONS.contains("Bearer " + LineageStandIn.TOKEN));
    }

    @Test
    void whileLineageIsDownTheRegistryWorksAndEventsWaitUntilItIsBack() throws Exception {
        String name = model("outage");
        LineageStandIn.REFUSE_NEXT.set(3);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"model_uri\": \"s3://m/1\"}")
                .post("/api/v2/models/" + name + "/versions").then().statusCode(201);
        // Refused three times, then delivered: nothing lost, registry answers never held up.
        await(name, 1, Duration.ofSeconds(30));
        assertEquals(0, LineageStandIn.REFUSE_NEXT.get());
        assertEquals(1, LineageStandIn.RECEIVED.stream().filter(e -> e.containsKey("outputs")
                && e.getJsonArray("outputs").getJsonObject(0).getString("name").equals(name + "/1")).count());
    }

    @Test
    void aParentVersionMustExist() {
        String name = model("orphan");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"model_uri\": \"s3://m/1\", \"parent_version\": 4}")
                .post("/api/v2/models/" + name + "/versions")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"model_uri\": \"s3://m/1\", \"training_datasets\": [\"\"]}")
                .post("/api/v2/models/" + name + "/versions")
                .then().statusCode(400);
    }
}

package ai.platform.lineage.openlineage;

import static ai.platform.lineage.LineageApi.EDITOR;
import static ai.platform.lineage.LineageApi.scope;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events shaped as the OpenLineage clients (Spark, Airflow, the Python client) send them. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class OpenLineageTest {

    private static final String ENDPOINT = "/api/v2/lineage/openlineage";

    /** A Spark-style run event: schema and data source facets on datasets, output statistics. */
    private static String sparkEvent(String type, String time, String runId, String s) {
        return """
                {
                  "eventType": "%s",
                  "eventTime": "%s",
                  "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark",
                  "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                  "run": {
                    "runId": "%s",
                    "facets": {
                      "spark_version": {"_producer": "https://github.com/OpenLineage/OpenLineage",
                        "_schemaURL": "https://openlineage.io/spec/facets/1-0-0/x.json", "spark-version": "3.5.1"},
                      "parent": {"_producer": "https://github.com/OpenLineage/OpenLineage",
                        "_schemaURL": "https://openlineage.io/spec/facets/1-0-0/ParentRunFacet.json",
                        "run": {"runId": "%s"},
                        "job": {"namespace": "airflow-%s", "name": "nightly_etl"}}
                    }
                  },
                  "job": {"namespace": "spark-%s", "name": "nightly_etl.build_orders",
                          "facets": {"jobType": {"processingType": "BATCH", "integration": "SPARK", "jobType": "JOB"}}},
                  "inputs": [{
                    "namespace": "postgres://db-%s:5432", "name": "shop.public.raw_orders",
                    "facets": {"schema": {"_producer": "p", "_schemaURL": "s",
                      "fields": [{"name": "id", "type": "bigint"}, {"name": "amount", "type": "numeric"}]},
                      "dataSource": {"_producer": "p", "_schemaURL": "s", "name": "postgres://db:5432",
                        "uri": "postgres://db:5432/shop"}}
                  }],
                  "outputs": [{
                    "namespace": "s3://lake-%s", "name": "warehouse/orders",
                    "facets": {"schema": {"_producer": "p", "_schemaURL": "s", "fields": [{"name": "id", "type": "long"}]}},
                    "outputFacets": {"outputStatistics": {"_producer": "p", "_schemaURL": "s", "rowCount": 1200, "size": 40960}}
                  }]
                }
                """.formatted(type, time, runId, PARENT, s, s, s, s);
    }

    private static final String PARENT = "0193a1d2-0000-7000-8000-000000000001";

    @Test
    void aRunsEventsBecomeNodesEdgesAndARunRecord() {
        String s = scope();
        String runId = UUID.randomUUID().toString();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body(sparkEvent("START", "2026-11-24T02:00:00.000Z", runId, s))
                .when().post(ENDPOINT)
                .then().statusCode(201).body("events", equalTo(1)).body("skipped_edges", hasSize(0));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body(sparkEvent("COMPLETE", "2026-11-24T02:07:30.500Z", runId, s))
                .when().post(ENDPOINT)
                .then().statusCode(201);

        given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + runId)
                .then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("start_time", equalTo("2026-11-24T02:00:00Z"))
                .body("end_time", equalTo("2026-11-24T02:07:30.5Z"))
                .body("job", equalTo("spark-" + s + "/nightly_etl.build_orders"))
                .body("metadata.spark_version.'spark-version'", equalTo("3.5.1"))
                .body("inputs.node_id", containsInAnyOrder("postgres://db-" + s + ":5432/shop.public.raw_orders"))
                .body("outputs.node_id", containsInAnyOrder("s3://lake-" + s + "/warehouse/orders"));

        // Downstream of the raw table: the run, its output, and nothing of other tests. The id is a URI whose
        // '//' a path would lose, so it goes in the query.
        given().auth().oauth2(EDITOR).queryParam("direction", "downstream")
                .queryParam("node_id", "postgres://db-" + s + ":5432/shop.public.raw_orders")
                .when().get("/api/v2/lineage/dataset")
                .then().statusCode(200)
                .body("nodes.node.node_id", containsInAnyOrder(
                        "postgres://db-" + s + ":5432/shop.public.raw_orders", runId,
                        "s3://lake-" + s + "/warehouse/orders"));
        // Facets are kept on the dataset node, input and output facets included.
        given().auth().oauth2(EDITOR).queryParam("node_type", "dataset")
                .queryParam("node_id", "s3://lake-" + s + "/warehouse/orders")
                .when().get("/api/v2/lineage/nodes")
                .then().statusCode(200)
                .body("items[0].metadata.outputStatistics.rowCount", equalTo(1200))
                .body("items[0].metadata.schema.fields[0].name", equalTo("id"))
                .body("items[0].metadata.namespace", equalTo("s3://lake-" + s));
        // The parent run facet links the Airflow run and job above the Spark run.
        given().auth().oauth2(EDITOR).queryParam("direction", "upstream").queryParam("depth", 5)
                .when().get("/api/v2/lineage/run/" + runId)
                .then().statusCode(200)
                .body("nodes.node.node_id", hasItem(PARENT))
                .body("nodes.node.node_id", hasItem("airflow-" + s + "/nightly_etl"));
    }

    @Test
    void eventsArrivingOutOfOrderLeaveTheRunEnded() {
        String s = scope();
        String runId = UUID.randomUUID().toString();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("[" + sparkEvent("FAIL", "2026-11-24T03:05:00Z", runId, s) + ","
                        + sparkEvent("START", "2026-11-24T03:00:00Z", runId, s) + "]")
                .when().post(ENDPOINT)
                .then().statusCode(201).body("events", equalTo(2));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body(sparkEvent("RUNNING", "2026-11-24T03:01:00Z", runId, s))
                .when().post(ENDPOINT).then().statusCode(201);
        given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + runId)
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("start_time", equalTo("2026-11-24T03:00:00Z"))
                .body("end_time", equalTo("2026-11-24T03:05:00Z"));
    }

    @Test
    void aJobThatRewritesItsInputKeepsTheGraphAcyclicAndSaysWhatItSkipped() {
        String s = scope();
        String event = """
                {"eventType": "COMPLETE", "eventTime": "2026-11-24T04:00:00Z", "producer": "https://example.com/dbt",
                 "run": {"runId": "%s"}, "job": {"namespace": "dbt-%s", "name": "incremental"},
                 "inputs": [{"namespace": "warehouse-%s", "name": "events"}],
                 "outputs": [{"namespace": "warehouse-%s", "name": "events"}]}
                """.formatted(UUID.randomUUID(), s, s, s);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(event)
                .when().post(ENDPOINT)
                .then().statusCode(201)
                .body("skipped_edges", hasSize(1))
                .body("skipped_edges[0].cycle", containsString("dataset:warehouse-" + s + "/events"));
    }

    @Test
    void aRunNamedAsItsOwnParentKeepsItsRunAndSkipsTheSelfLoop() {
        // Before: the edge run -> run reached the table's no-self-loop constraint and the request was a 500.
        String s = scope();
        String runId = UUID.randomUUID().toString();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("""
                        {"eventType": "COMPLETE", "eventTime": "2026-11-24T05:00:00Z", "producer": "p",
                         "run": {"runId": "%1$s", "facets": {"parent": {"_producer": "p", "_schemaURL": "s",
                                 "run": {"runId": "%1$s"}, "job": {"namespace": "self-%2$s", "name": "loop"}}}},
                         "job": {"namespace": "self-%2$s", "name": "loop"},
                         "outputs": [{"namespace": "self-%2$s", "name": "out"}]}
                        """.formatted(runId, s))
                .when().post(ENDPOINT)
                .then().statusCode(201)
                .body("skipped_edges", hasSize(1))
                .body("skipped_edges[0].cycle", equalTo("run:" + runId + " -> run:" + runId));
        given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + runId)
                .then().statusCode(200).body("status", equalTo("completed"))
                .body("outputs[0].node_id", equalTo("self-" + s + "/out"));
    }

    @Test
    void thePlatformNodeFacetFilesADatasetAsAnotherKindOfNode() {
        String s = scope();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("""
                        {"eventType": "COMPLETE", "eventTime": "2026-11-24T06:00:00Z", "producer": "https://example.com/registry",
                         "run": {"runId": "%s"}, "job": {"namespace": "model-registry", "name": "churn-%s"},
                         "inputs": [{"namespace": "s3://lake-%s", "name": "features"}],
                         "outputs": [{"namespace": "model-registry", "name": "churn-%s/1",
                           "facets": {"platform_node": {"_producer": "p", "_schemaURL": "s",
                                      "node_type": "model_version", "node_id": "churn-%s/1"}}}]}
                        """.formatted(UUID.randomUUID(), s, s, s, s))
                .when().post(ENDPOINT).then().statusCode(201);
        given().auth().oauth2(EDITOR).queryParam("direction", "upstream")
                .when().get("/api/v2/lineage/model_version/churn-" + s + "/1")
                .then().statusCode(200)
                .body("nodes.node.node_type", hasItem("dataset"))
                .body("nodes.node.node_id", hasItem("s3://lake-" + s + "/features"));
    }

    @Test
    void jobAndDatasetEventsAreAccepted() {
        String s = scope();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("""
                        [{"eventTime": "2026-11-24T05:00:00Z", "producer": "https://example.com/static",
                          "job": {"namespace": "ns-%s", "name": "report"},
                          "inputs": [{"namespace": "ns-%s", "name": "sales"}], "outputs": []},
                         {"eventTime": "2026-11-24T05:00:00Z", "producer": "https://example.com/static",
                          "dataset": {"namespace": "ns-%s", "name": "sales",
                                      "facets": {"documentation": {"description": "daily sales"}}}}]
                        """.formatted(s, s, s))
                .when().post(ENDPOINT)
                .then().statusCode(201).body("events", equalTo(2)).body("edges_created", equalTo(1));
        given().auth().oauth2(EDITOR).queryParam("node_type", "dataset").queryParam("node_id", "ns-" + s + "/sales")
                .when().get("/api/v2/lineage/nodes")
                .then().body("items[0].metadata.documentation.description", equalTo("daily sales"));
    }

    @Test
    void refusesInvalidEventsWithTheReasonAndWritesNothing() {
        String s = scope();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("""
                        [{"eventType": "COMPLETE", "eventTime": "2026-11-24T04:00:00Z", "producer": "p",
                          "run": {"runId": "r-%s"}, "job": {"namespace": "n"},
                          "inputs": [{"namespace": "good-%s", "name": "kept-out"}]},
                         {"eventType": "FINISHED", "eventTime": "yesterday", "run": {"runId": "%s"},
                          "job": {"namespace": "n", "name": "j"}, "inputs": {"namespace": "x"}},
                         42]
                        """.formatted(s, s, UUID.randomUUID()))
                .when().post(ENDPOINT)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("[0].run.runId"))
                .body("errors.field", hasItem("[0].job.name"))
                .body("errors.field", hasItem("[1].eventType"))
                .body("errors.field", hasItem("[1].eventTime"))
                .body("errors.field", hasItem("[1].producer"))
                .body("errors.field", hasItem("[1].inputs"))
                .body("errors.field", hasItem("[2]"));
        given().auth().oauth2(EDITOR).queryParam("node_type", "dataset").queryParam("node_id", "good-" + s + "/kept-out")
                .when().get("/api/v2/lineage/nodes").then().body("items", hasSize(0));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("[]").when().post(ENDPOINT)
                .then().statusCode(400);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"eventTime\": ").when().post(ENDPOINT)
                .then().statusCode(400).body("detail", containsString("JSON"));
    }
}

package ai.platform.lineage.nodes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.testing.ServiceTestResources;
import ai.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class NodeResourceTest {

    private static final String NODE = "/api/v2/lineage/node";
    private static final String EDITOR = TestTokens.token("etl", "editor");

    @Test
    void createsANodeOnceAndMergesMetadataOnRepeats() {
        String id = "s3://lake/orders-" + UUID.randomUUID();
        String nodeId = given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"node_type\": \"dataset\", \"node_id\": \"%s\", \"name\": \"orders\", \"metadata\": {\"format\": \"parquet\", \"rows\": 10}}".formatted(id))
                .when().post(NODE)
                .then().statusCode(201)
                .body("node_type", equalTo("dataset"))
                .body("metadata.format", equalTo("parquet"))
                .extract().path("id");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"node_type\": \"dataset\", \"node_id\": \"%s\", \"metadata\": {\"rows\": 12, \"owner\": \"bi\"}}".formatted(id))
                .when().post(NODE)
                .then().statusCode(200)
                .body("id", equalTo(nodeId))
                .body("name", equalTo("orders"))
                .body("metadata.format", equalTo("parquet"))
                .body("metadata.rows", equalTo(12))
                .body("metadata.owner", equalTo("bi"));
        given().auth().oauth2(TestTokens.token("r", "viewer"))
                .queryParam("node_type", "dataset").queryParam("node_id", id)
                .when().get("/api/v2/lineage/nodes")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(nodeId));
    }

    @Test
    void concurrentCreatesOfOneNodeYieldOneNode() {
        String id = "run-" + UUID.randomUUID();
        List<CompletableFuture<String>> creates = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().auth().oauth2(EDITOR)
                        .contentType(ContentType.JSON)
                        .body("{\"node_type\": \"run\", \"node_id\": \"%s\", \"metadata\": {\"k%d\": %d}}".formatted(id, i, i))
                        .post(NODE).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                        .extract().<String>path("id")))
                .toList();
        List<String> ids = creates.stream().map(CompletableFuture::join).distinct().toList();
        assertEquals(1, ids.size());
        given().auth().oauth2(EDITOR).queryParam("node_type", "run").queryParam("node_id", id)
                .when().get("/api/v2/lineage/nodes")
                .then().statusCode(200).body("items[0].metadata.size()", equalTo(8));
    }

    @Test
    void refusesBadNodes() {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"node_type\": \"Data Set!\", \"node_id\": \"x\"}")
                .when().post(NODE)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("node_type"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"node_type\": \"dataset\"}")
                .when().post(NODE)
                .then().statusCode(400).body("errors.field", hasItem("node_id"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"node_type\": \"dataset\", \"node_id\": \"x\", \"metadata\": 5}")
                .when().post(NODE)
                .then().statusCode(400).body("errors[0].field", equalTo("metadata"));
        given().auth().oauth2(TestTokens.token("v", "viewer")).contentType(ContentType.JSON)
                .body("{\"node_type\": \"dataset\", \"node_id\": \"x\"}")
                .when().post(NODE)
                .then().statusCode(403);
    }
}

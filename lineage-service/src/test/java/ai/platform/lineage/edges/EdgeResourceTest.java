package ai.platform.lineage.edges;

import static ai.platform.lineage.LineageApi.EDITOR;
import static ai.platform.lineage.LineageApi.chain;
import static ai.platform.lineage.LineageApi.edge;
import static ai.platform.lineage.LineageApi.node;
import static ai.platform.lineage.LineageApi.scope;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.testing.ServiceTestResources;
import ai.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class EdgeResourceTest {

    @Test
    void createsAnEdgeOnceBetweenExistingNodes() {
        String s = scope();
        node("dataset", s + "-raw");
        node("run", s + "-train");
        String id = edge("dataset", s + "-raw", "run", s + "-train")
                .then().statusCode(201)
                .body("edge_type", equalTo("data_flow"))
                .body("created_by", equalTo("lineage-tests"))
                .extract().path("id");
        edge("dataset", s + "-raw", "run", s + "-train")
                .then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void refusesAnEdgeThatClosesACycleAndNamesThePath() {
        String s = scope();
        chain(s, "a>b", "b>c", "c>d");
        edge("dataset", s + "-d", "dataset", s + "-a")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("dataset:" + s + "-d -> dataset:" + s + "-a -> dataset:" + s
                        + "-b -> dataset:" + s + "-c -> dataset:" + s + "-d"));
        // A shortcut in the same direction is fine.
        edge("dataset", s + "-a", "dataset", s + "-d").then().statusCode(201);
    }

    @Test
    void findsACycleThroughEndsThatHaveManyEdges() {
        // The pre-check asks whether the target has a way out and the source a way in; with several of each the
        // search must still run and find the cycle.
        String s = scope();
        chain(s, "a>b", "a>c", "a>d", "x>d", "y>d");
        edge("dataset", s + "-d", "dataset", s + "-a")
                .then().statusCode(409)
                .body("detail", containsString("dataset:" + s + "-d -> dataset:" + s + "-a -> dataset:" + s
                        + "-d"));
        // Ends with edges but no path between them: no cycle.
        edge("dataset", s + "-d", "dataset", s + "-x").then().statusCode(409);
        edge("dataset", s + "-b", "dataset", s + "-x").then().statusCode(201);
    }

    @RepeatedTest(5)
    void twoEdgesThatTogetherCloseACycleCannotBothLand() throws Exception {
        String s = scope();
        chain(s, "x>y");
        node("dataset", s + "-z");
        // y -> z and z -> x close x -> y -> z -> x only together: sent at once, exactly one may win.
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            await(start);
            return edge("dataset", s + "-y", "dataset", s + "-z").statusCode();
        });
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
            await(start);
            return edge("dataset", s + "-z", "dataset", s + "-x").statusCode();
        });
        List<Integer> statuses = List.of(first.get(), second.get());
        assertEquals(1, statuses.stream().filter(code -> code == 201).count(), statuses.toString());
        assertEquals(1, statuses.stream().filter(code -> code == 409).count(), statuses.toString());
    }

    @Test
    void refusesSelfLoopsUnknownNodesAndBadFields() {
        String s = scope();
        node("dataset", s + "-only");
        edge("dataset", s + "-only", "dataset", s + "-only")
                .then().statusCode(400).body("errors[0].field", equalTo("target"));
        edge("dataset", s + "-only", "dataset", s + "-missing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(s + "-missing"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"source\": {\"node_type\": \"dataset\"}, \"target\": {\"node_type\": \"dataset\", "
                        + "\"node_id\": \"x\"}, \"edge_type\": \"telepathy\"}")
                .post("/api/v2/lineage/edge")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"target\": {\"node_type\": \"dataset\", \"node_id\": \"x\"}}")
                .post("/api/v2/lineage/edge")
                .then().statusCode(400).body("errors[0].field", equalTo("source"));
        given().auth().oauth2(TestTokens.token("v", "viewer")).contentType(ContentType.JSON)
                .body("{\"source\": {\"node_type\": \"dataset\", \"node_id\": \"a\"}, "
                        + "\"target\": {\"node_type\": \"dataset\", \"node_id\": \"b\"}}")
                .post("/api/v2/lineage/edge")
                .then().statusCode(403);
    }

    @Test
    void deletedEdgesNoLongerCountForCycles() {
        String s = scope();
        chain(s, "p>q");
        String id = edge("dataset", s + "-p", "dataset", s + "-q").then().statusCode(200).extract().path("id");
        given().auth().oauth2(EDITOR).delete("/api/v2/lineage/edge/" + id).then().statusCode(204);
        given().auth().oauth2(EDITOR).delete("/api/v2/lineage/edge/" + id).then().statusCode(404);
        edge("dataset", s + "-q", "dataset", s + "-p").then().statusCode(201);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package ai.platform.lineage.graph;

import static ai.platform.lineage.LineageApi.EDITOR;
import static ai.platform.lineage.LineageApi.chain;
import static ai.platform.lineage.LineageApi.edge;
import static ai.platform.lineage.LineageApi.scope;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class LineageQueryTest {

    private static io.restassured.response.ValidatableResponse lineage(String scope, String node, String query) {
        return given().auth().oauth2(EDITOR)
                .when().get("/api/v2/lineage/dataset/" + scope + "-" + node + (query.isEmpty() ? "" : "?" + query))
                .then();
    }

    @Test
    void walksUpstreamDownstreamAndBothToTheDepthAsked() {
        String s = scope();
        // a -> b -> c -> d -> e, and x -> c
        chain(s, "a>b", "b>c", "c>d", "d>e", "x>c");
        lineage(s, "c", "direction=downstream&depth=1").statusCode(200)
                .body("nodes.node.node_id", containsInAnyOrder(s + "-c", s + "-d"))
                .body("edges", hasSize(1))
                .body("truncated", equalTo(false));
        lineage(s, "c", "direction=upstream&depth=5").statusCode(200)
                .body("nodes.node.node_id", containsInAnyOrder(s + "-c", s + "-b", s + "-x", s + "-a"))
                .body("nodes.find { it.node.node_id == '" + s + "-a' }.distance", equalTo(2));
        lineage(s, "c", "").statusCode(200)
                .body("direction", equalTo("both"))
                .body("depth", equalTo(3))
                .body("nodes", hasSize(6))
                .body("edges", hasSize(5));
    }

    @Test
    void stopsAtTheNodeLimitAndSaysSo() {
        String s = scope();
        chain(s, "hub>a", "hub>b", "hub>c", "hub>d");
        lineage(s, "hub", "direction=downstream&limit=3").statusCode(200)
                .body("nodes", hasSize(3))
                .body("truncated", equalTo(true))
                .body("edges", hasSize(2));
    }

    @Test
    void showsTheGraphAsItWasAtAPointInTime() throws Exception {
        String s = scope();
        chain(s, "old>mid");
        TimeUnit.MILLISECONDS.sleep(20);
        String before = Instant.now().toString();
        TimeUnit.MILLISECONDS.sleep(20);
        chain(s, "mid>new");
        String id = edge("dataset", s + "-old", "dataset", s + "-mid").then().extract().path("id");
        given().auth().oauth2(EDITOR).delete("/api/v2/lineage/edge/" + id).then().statusCode(204);

        lineage(s, "mid", "").statusCode(200)
                .body("nodes.node.node_id", containsInAnyOrder(s + "-mid", s + "-new"));
        lineage(s, "mid", "as_of=" + before).statusCode(200)
                .body("as_of", startsWith(before.substring(0, 19)))
                .body("nodes.node.node_id", containsInAnyOrder(s + "-mid", s + "-old"));
        lineage(s, "new", "as_of=" + before).statusCode(404);
    }

    @Test
    void drawsTheGraphAsDotMermaidAndCytoscape() {
        String s = scope();
        chain(s, "in>out");
        given().auth().oauth2(EDITOR).queryParam("format", "dot")
                .when().get("/api/v2/lineage/dataset/" + s + "-in")
                .then().statusCode(200).contentType(containsString("text/vnd.graphviz"))
                .body(startsWith("digraph lineage {")).body(containsString("shape=cylinder"))
                .body(containsString(" -> "));
        given().auth().oauth2(EDITOR).queryParam("format", "mermaid")
                .when().get("/api/v2/lineage/dataset/" + s + "-in")
                .then().statusCode(200).body(startsWith("flowchart LR"))
                .body(containsString("n0[(\"dataset: " + s + "-in\")]")).body(containsString("n0 --> n1"));
        given().auth().oauth2(EDITOR).queryParam("format", "cytoscape")
                .when().get("/api/v2/lineage/dataset/" + s + "-in")
                .then().statusCode(200)
                .body("elements.nodes", hasSize(2))
                .body("elements.edges[0].data.edge_type", equalTo("data_flow"));
    }

    @Test
    void refusesBadParametersAndUnknownNodes() {
        String s = scope();
        chain(s, "one>two");
        lineage(s, "one", "depth=0").statusCode(400).body("errors[0].field", equalTo("depth"));
        lineage(s, "one", "depth=1000").statusCode(400).body("errors[0].field", equalTo("depth"));
        lineage(s, "one", "limit=-1").statusCode(400).body("errors[0].field", equalTo("limit"));
        lineage(s, "one", "direction=sideways").statusCode(400).body("errors[0].field", equalTo("direction"));
        lineage(s, "one", "format=png").statusCode(400).body("errors[0].field", equalTo("format"));
        lineage(s, "one", "as_of=yesterday").statusCode(400).body("errors[0].field", equalTo("as_of"));
        lineage(s, "nobody", "").statusCode(404).contentType("application/problem+json");
    }
}

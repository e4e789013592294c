package ai.platform.lineage.graph;

import static ai.platform.lineage.LineageApi.EDITOR;
import static ai.platform.lineage.LineageApi.chain;
import static ai.platform.lineage.LineageApi.node;
import static ai.platform.lineage.LineageApi.scope;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class GraphResourceTest {

    @Test
    void givesTheSubgraphAroundSeveralRoots() {
        String s = scope();
        chain(s, "a>b", "c>d");
        given().auth().oauth2(EDITOR)
                .queryParam("root", "dataset:" + s + "-a").queryParam("root", "dataset:" + s + "-d")
                .when().get("/api/v2/lineage/graph")
                .then().statusCode(200)
                .body("roots", hasSize(2))
                .body("nodes.node.node_id", containsInAnyOrder(s + "-a", s + "-b", s + "-c", s + "-d"))
                .body("edges", hasSize(2));
    }

    @Test
    void pagesThroughNodesOfATypeCreatedInARange() {
        String since = Instant.now().toString();
        String type = "report_" + scope().replace("-", "");
        for (int i = 0; i < 3; i++) {
            node(type, "r" + i);
        }
        String next = given().auth().oauth2(EDITOR).queryParam("node_type", type).queryParam("created_after", since)
                .queryParam("page_size", 2)
                .when().get("/api/v2/lineage/graph")
                .then().statusCode(200)
                .body("nodes", hasSize(2)).body("nodes[0].node_id", equalTo("r0"))
                .body("next_page_token", notNullValue())
                .extract().path("next_page_token");
        given().auth().oauth2(EDITOR).queryParam("node_type", type).queryParam("page_token", next)
                .queryParam("page_size", 2)
                .when().get("/api/v2/lineage/graph")
                .then().statusCode(200).body("nodes", hasSize(1)).body("next_page_token", nullValue());
        given().auth().oauth2(EDITOR).queryParam("node_type", type).queryParam("format", "mermaid")
                .when().get("/api/v2/lineage/graph")
                .then().statusCode(200).body(startsWith("flowchart LR"));
    }

    @Test
    void refusesBadRootsAndTimes() {
        given().auth().oauth2(EDITOR).queryParam("root", "no-separator")
                .when().get("/api/v2/lineage/graph")
                .then().statusCode(400).body("errors[0].field", equalTo("root"));
        given().auth().oauth2(EDITOR).queryParam("root", "dataset:" + scope() + "-absent")
                .when().get("/api/v2/lineage/graph")
                .then().statusCode(404);
        given().auth().oauth2(EDITOR).queryParam("created_after", "last week")
                .when().get("/api/v2/lineage/graph")
                .then().statusCode(400).body("errors[0].field", equalTo("created_after"));
        given().auth().oauth2(EDITOR).queryParam("page_token", "bm90LWEtdG9rZW4")
                .when().get("/api/v2/lineage/graph")
                .then().statusCode(400).body("errors[0].field", equalTo("page_token"));
    }
}

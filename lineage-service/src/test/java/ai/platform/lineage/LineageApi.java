package ai.platform.lineage;

import static io.restassured.RestAssured.given;

import ai.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;

/** Test helpers: make nodes and edges through the API, with names unique to the test. */
public final class LineageApi {

    public static final String EDITOR = TestTokens.token("lineage-tests", "editor");

    private LineageApi() {
    }

    /** A fresh prefix, so each test's nodes are its own. */
    public static String scope() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static String node(String type, String id) {
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"node_type\": \"%s\", \"node_id\": \"%s\"}".formatted(type, id))
                .post("/api/v2/lineage/node")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id");
    }

    public static Response edge(String sourceType, String sourceId, String targetType, String targetId) {
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("""
                        {"source": {"node_type": "%s", "node_id": "%s"},
                         "target": {"node_type": "%s", "node_id": "%s"}}
                        """.formatted(sourceType, sourceId, targetType, targetId))
                .post("/api/v2/lineage/edge");
    }

    /** Nodes {@code <scope>-<name>} of type dataset, and data_flow edges between them: "a>b", "b>c", ... */
    public static void chain(String scope, String... links) {
        for (String link : links) {
            String[] ends = link.split(">");
            node("dataset", scope + "-" + ends[0]);
            node("dataset", scope + "-" + ends[1]);
            edge("dataset", scope + "-" + ends[0], "dataset", scope + "-" + ends[1]).then().statusCode(201);
        }
    }
}

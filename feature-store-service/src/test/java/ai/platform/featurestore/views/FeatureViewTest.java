package ai.platform.featurestore.views;

import static ai.platform.featurestore.FeatureStoreApi.EDITOR;
import static ai.platform.featurestore.FeatureStoreApi.group;
import static ai.platform.featurestore.FeatureStoreApi.ingest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ai.platform.testing.ServiceTestResources;
import ai.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class FeatureViewTest {

    private static final String VIEWS = "/api/v2/feature-store/feature-views";

    @Test
    void aViewIsVersionedByItsFeaturesAndServesOnlineAndTrainingData() {
        String g = group("viewed", "");
        String name = "churn_model_" + g;
        create(name, g + ":age", g + ":score").statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith(VIEWS + "/" + name + "?version=1"))
                .body("version", equalTo(1)).body("owner_id", equalTo("data-scientist"));
        create(name, g + ":age", g + ":score").statusCode(200).body("version", equalTo(1));
        create(name, g + ":age", g + ":country").statusCode(201).body("version", equalTo(2))
                .body("features", equalTo(List.of(g + ":age", g + ":country")));
        given().auth().oauth2(EDITOR).get(VIEWS + "/" + name).then().statusCode(200).body("version", equalTo(2));
        given().auth().oauth2(EDITOR).queryParam("version", 1).get(VIEWS + "/" + name).then().statusCode(200)
                .body("features", equalTo(List.of(g + ":age", g + ":score")));
        given().auth().oauth2(EDITOR).get(VIEWS + "/" + name + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)));
        given().auth().oauth2(EDITOR).queryParam("name_prefix", name).get(VIEWS).then().statusCode(200)
                .body("items.name", equalTo(List.of(name))).body("items[0].version", equalTo(2));

        ingest(g, "[{\"entity\": {\"user_id\": 3}, \"event_time\": \"2026-11-20T10:00:00Z\", "
                + "\"values\": {\"age\": 33, \"score\": 0.3, \"country\": \"FJ\"}}]").statusCode(200);
        given().auth().oauth2(EDITOR).queryParam("feature_view", name).queryParam("entity", "user_id:3")
                .get("/api/v2/feature-store/online").then().statusCode(200)
                .body("features", equalTo(List.of(g + ":age", g + ":country")))
                .body("results[0].values.'" + g + ":country'.value", equalTo("FJ"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"feature_view\": \"%s\", \"feature_view_version\": 1, \"entities\": [{\"user_id\": 3}]}"
                        .formatted(name))
                .post("/api/v2/feature-store/online").then().statusCode(200)
                .body("features", equalTo(List.of(g + ":age", g + ":score")));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body(("{\"feature_view\": \"%s\", \"entities\": [{\"user_id\": 3, \"event_timestamp\": "
                        + "\"2026-11-21T00:00:00Z\"}]}").formatted(name))
                .post("/api/v2/feature-store/historical").then().statusCode(200)
                .body("rows[0].'" + g + ":country'", equalTo("FJ"));
    }

    @Test
    void badViewsAreRefusedWithProblems() {
        String g = group("badview", "");
        create("v_" + g, g + ":age", g + ":nope").statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("features[1]"));
        create("v_" + g, g + ":age", "not-a-reference").statusCode(400).body("errors.field", hasItem("features[1]"));
        create("v_" + g, g + ":age", g + ":age").statusCode(400).body("errors[0].field", equalTo("features[1]"));
        create("v_" + g, "no_such_group_" + g + ":age").statusCode(404);
        create("9lives", g + ":age").statusCode(400).body("errors[0].field", equalTo("name"));
        create("v_" + g).statusCode(400).body("errors[0].field", equalTo("features"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"v_%s\", \"features\": [\"%s:age\"], \"tags\": {\"k\": null}}".formatted(g, g))
                .post(VIEWS).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(EDITOR).get(VIEWS + "/no_such_view_" + g).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(EDITOR).queryParam("version", 0).get(VIEWS + "/v_" + g).then().statusCode(400);
        given().auth().oauth2(TestTokens.token("reader", "viewer")).contentType(ContentType.JSON)
                .body("{\"name\": \"v_%s\", \"features\": [\"%s:age\"]}".formatted(g, g)).post(VIEWS).then()
                .statusCode(403);
        given().auth().oauth2(EDITOR).queryParam("features", g + ":age").queryParam("feature_view", "v_" + g)
                .queryParam("entity", "user_id:1").get("/api/v2/feature-store/online").then().statusCode(400);
    }

    private static ValidatableResponse create(String name, String... features) {
        StringBuilder list = new StringBuilder();
        for (String feature : features) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(feature).append('"');
        }
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"features\": [%s]}".formatted(name, list)).post(VIEWS).then();
    }
}

package ai.platform.featurestore;

import static io.restassured.RestAssured.given;

import ai.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Test helpers: groups with features, ingestion and online reads through the API. */
public final class FeatureStoreApi {

    public static final String EDITOR = TestTokens.token("data-scientist", "editor");

    private FeatureStoreApi() {
    }

    /** A group {@code <prefix>_<random>} keyed by user_id with age:int32, score:float64, tags:string, emb:float32[]. */
    public static String group(String prefix, String extraJson) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "entity_keys": ["user_id"]%s, "features": [
                          {"name": "age", "dtype": "int32"}, {"name": "score", "dtype": "float64"},
                          {"name": "country", "dtype": "string"}, {"name": "emb", "dtype": "float32[]"}]}
                        """.formatted(name, extraJson))
                .post("/api/v2/feature-store/groups").then().statusCode(201);
        return name;
    }

    public static ValidatableResponse ingest(String group, String rowsJson) {
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"feature_group\": \"" + group + "\", \"rows\": " + rowsJson + "}")
                .post("/api/v2/feature-store/ingest").then();
    }

    public static ValidatableResponse online(String group, String userId, String... features) {
        var request = given().auth().oauth2(EDITOR).queryParam("entity", "user_id:" + userId);
        for (String feature : features) {
            request.queryParam("features", group + ":" + feature);
        }
        return request.get("/api/v2/feature-store/online").then();
    }
}

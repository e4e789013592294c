package ai.platform.featurestore.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import ai.platform.testing.ServiceTestResources;
import ai.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class FeatureGroupResourceTest {

    private static final String GROUPS = "/api/v2/feature-store/groups";
    private static final String EDITOR = TestTokens.token("ds", "editor");

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void createsListsAndGetsAGroup() {
        String name = unique("user_profile");
        String location = given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"source_type\": \"stream\", \"source_uri\": \"kafka://events\", \"entity_keys\": [\"user_id\"]}".formatted(name))
                .when().post(GROUPS)
                .then().statusCode(201)
                .body("owner_id", equalTo("ds"))
                .body("source_type", equalTo("stream"))
                .extract().header("Location");
        given().auth().oauth2(EDITOR).when().get(location).then().statusCode(200).body("name", equalTo(name));
        given().auth().oauth2(EDITOR).queryParam("name_prefix", name).when().get(GROUPS)
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void listsGroupsByTag() {
        String team = unique("team");
        for (String tier : new String[] {"gold", "silver"}) {
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                    .body("{\"name\": \"%s_%s\", \"entity_keys\": [\"id\"], \"tags\": {\"%s\": \"%s\"}}"
                            .formatted(team, tier, team, tier))
                    .post(GROUPS).then().statusCode(201);
        }
        given().auth().oauth2(EDITOR).queryParam("tag", team).get(GROUPS).then().statusCode(200)
                .body("items.name", equalTo(java.util.List.of(team + "_gold", team + "_silver")));
        given().auth().oauth2(EDITOR).queryParam("tag", team + ":silver").get(GROUPS).then().statusCode(200)
                .body("items.name", equalTo(java.util.List.of(team + "_silver")));
        given().auth().oauth2(EDITOR).queryParam("tag", team + ":bronze").get(GROUPS).then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void refusesDuplicatesBadFieldsAndUnknownIds() {
        String name = unique("dup");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"entity_keys\": [\"id\"]}")
                .post(GROUPS).then().statusCode(201).body("source_type", equalTo("batch"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"entity_keys\": [\"id\"]}")
                .when().post(GROUPS).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"1bad-name\", \"source_type\": \"ftp\", \"entity_keys\": []}")
                .when().post(GROUPS).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("source_type"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"1bad-name\"}")
                .when().post(GROUPS).then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(EDITOR).when().get(GROUPS + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}

package ai.platform.registry.models;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
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
class ModelResourceTest {

    private static final String EDITOR = TestTokens.token("mlops", "editor");

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void registersAndGetsAModelByName() {
        String name = unique("fraud");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"description\": \"card fraud\", \"project\": \"risk\"}".formatted(name))
                .when().post("/api/v2/models/register")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v2/models/" + name))
                .body("created_by", equalTo("mlops"))
                .body("project", equalTo("risk"));
        given().auth().oauth2(TestTokens.token("v", "viewer")).when().get("/api/v2/models/" + name)
                .then().statusCode(200).body("description", equalTo("card fraud"));
    }

    @Test
    void aNameIsRegisteredOnceEvenWhenClientsRace() {
        String name = unique("race");
        List<Integer> statuses = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().auth().oauth2(EDITOR)
                        .contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                        .post("/api/v2/models/register").statusCode()))
                .toList().stream().map(CompletableFuture::join).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                .when().post("/api/v2/models/register")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(name));
    }

    @Test
    void refusesBadInputAndUnknownModels() {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"\"}")
                .when().post("/api/v2/models/register")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": 42, \"project\": []}")
                .when().post("/api/v2/models/register")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("v", "viewer")).contentType(ContentType.JSON)
                .body("{\"name\": \"x\"}").when().post("/api/v2/models/register")
                .then().statusCode(403);
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + unique("missing"))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsByNamePrefix() {
        String prefix = unique("pfx");
        for (String suffix : List.of("a", "b", "c")) {
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                    .body("{\"name\": \"" + prefix + "-" + suffix + "\"}").post("/api/v2/models/register")
                    .then().statusCode(201);
        }
        String next = given().auth().oauth2(EDITOR).queryParam("name_prefix", prefix).queryParam("page_size", 2)
                .when().get("/api/v2/models")
                .then().statusCode(200).body("items", hasSize(2)).body("items[0].name", equalTo(prefix + "-a"))
                .extract().path("next_page_token");
        given().auth().oauth2(EDITOR).queryParam("name_prefix", prefix).queryParam("page_token", next)
                .when().get("/api/v2/models")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].name", equalTo(prefix + "-c"));
    }
}

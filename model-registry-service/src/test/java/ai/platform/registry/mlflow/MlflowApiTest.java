package ai.platform.registry.mlflow;

import static ai.platform.registry.RegistryApi.ADMIN;
import static ai.platform.registry.RegistryApi.EDITOR;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;

import ai.platform.testing.ServiceTestResources;
import ai.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The MLflow-compatible registry API: MLflow's shapes, its error codes, and the calls an MLflow client makes. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class MlflowApiTest {

    private static final String API = "/api/2.0/mlflow";

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static ValidatableResponse post(String path, String json) {
        return as(EDITOR).body(json).post(API + path).then();
    }

    private static ValidatableResponse fails(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(ContentType.JSON).body("error_code", equalTo(code))
                .body("$", not(hasKey("type")));
    }

    private static String model(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        post("/registered-models/create", "{\"name\": \"" + name + "\"}").statusCode(200);
        return name;
    }

    private static void version(String name, String extra) {
        post("/model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"s3://m/" + name + "\"" + extra
                + "}").statusCode(200);
    }

    private static ValidatableResponse transition(String token, String name, String version, String stage) {
        return as(token).body("{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"stage\": \"" + stage
                + "\", \"archive_existing_versions\": true}").post(API + "/model-versions/transition-stage").then();
    }

    @Test
    void anMlflowClientRegistersPromotesAliasesAndFindsAModel() {
        String name = "mlflow-flow-" + UUID.randomUUID().toString().substring(0, 8);
        String runId = UUID.randomUUID().toString().replace("-", "");
        post("/registered-models/create", "{\"name\": \"" + name + "\", \"description\": \"churn\","
                + " \"tags\": [{\"key\": \"team\", \"value\": \"risk\"}]}")
                .statusCode(200)
                .body("registered_model.name", equalTo(name))
                .body("registered_model.description", equalTo("churn"))
                .body("registered_model.user_id", equalTo("ml-engineer"))
                .body("registered_model.creation_timestamp", instanceOf(Long.class))
                .body("registered_model.tags", contains(java.util.Map.of("key", "team", "value", "risk")));

        post("/model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId + "/model\","
                + " \"run_id\": \"" + runId + "\", \"run_link\": \"http://mlflow/runs/" + runId + "\","
                + " \"tags\": [{\"key\": \"framework\", \"value\": \"sklearn\"}]}")
                .statusCode(200)
                .body("model_version.name", equalTo(name))
                .body("model_version.version", equalTo("1"))
                .body("model_version.status", equalTo("READY"))
                .body("model_version.current_stage", equalTo("None"))
                .body("model_version.source", equalTo("runs:/" + runId + "/model"))
                .body("model_version.run_id", equalTo(runId))
                .body("model_version.run_link", equalTo("http://mlflow/runs/" + runId))
                .body("model_version.tags[0].key", equalTo("framework"))
                .body("model_version.creation_timestamp", greaterThan(1_600_000_000_000L))
                .body("model_version.last_updated_timestamp", instanceOf(Long.class));
        version(name, "");

        transition(EDITOR, name, "1", "staging").statusCode(200).body("model_version.current_stage",
                equalTo("Staging"));
        transition(ADMIN, name, "2", "Production").statusCode(200)
                .body("model_version.current_stage", equalTo("Production"));
        post("/registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"champion\", \"version\": \"2\"}")
                .statusCode(200).body("$", equalTo(java.util.Map.of()));

        as(EDITOR).queryParam("name", name).queryParam("alias", "champion").get(API + "/registered-models/alias")
                .then().statusCode(200)
                .body("model_version.version", equalTo("2"))
                .body("model_version.aliases", contains("champion"));
        as(EDITOR).queryParam("name", name).get(API + "/registered-models/get").then().statusCode(200)
                .body("registered_model.latest_versions.version", contains("2", "1"))
                .body("registered_model.latest_versions.current_stage", contains("Production", "Staging"))
                .body("registered_model.aliases", contains(java.util.Map.of("alias", "champion", "version", "2")));
        as(EDITOR).body("{\"name\": \"" + name + "\", \"stages\": [\"Production\"]}")
                .post(API + "/registered-models/get-latest-versions").then().statusCode(200)
                .body("model_versions.version", contains("2"));
        as(EDITOR).queryParam("name", name).queryParam("stages", "Staging").queryParam("stages", "None")
                .get(API + "/registered-models/get-latest-versions").then().statusCode(200)
                .body("model_versions.version", contains("1"));
        as(EDITOR).queryParam("filter", "name='" + name + "'").get(API + "/model-versions/search").then()
                .statusCode(200).body("model_versions.version", contains("2", "1"))
                .body("$", not(hasKey("next_page_token")));
        as(EDITOR).queryParam("filter", "run_id = '" + runId + "'").get(API + "/model-versions/search").then()
                .statusCode(200).body("model_versions.name", contains(name));
        as(EDITOR).queryParam("name", name).queryParam("version", "1").get(API + "/model-versions/get-download-uri")
                .then().statusCode(200).body("artifact_uri", equalTo("runs:/" + runId + "/model"));
    }

    @Test
    void renamesUpdatesAndTagsModelsAndVersions() {
        String name = model("mlflow-edit");
        version(name, "");
        String renamed = name + "-v2";
        post("/registered-models/rename", "{\"name\": \"" + name + "\", \"new_name\": \"" + renamed + "\"}")
                .statusCode(200).body("registered_model.name", equalTo(renamed));
        fails(as(EDITOR).queryParam("name", name).get(API + "/registered-models/get").then(), 404,
                "RESOURCE_DOES_NOT_EXIST");
        as(EDITOR).body("{\"name\": \"" + renamed + "\", \"description\": \"better\"}")
                .patch(API + "/registered-models/update").then().statusCode(200)
                .body("registered_model.description", equalTo("better"));
        post("/registered-models/set-tag", "{\"name\": \"" + renamed + "\", \"key\": \"k\", \"value\": \"v\"}")
                .statusCode(200);
        as(EDITOR).body("{\"name\": \"" + renamed + "\", \"key\": \"k\"}").delete(API + "/registered-models/delete-tag")
                .then().statusCode(200);
        as(EDITOR).queryParam("name", renamed).get(API + "/registered-models/get").then()
                .body("registered_model.tags", hasSize(0));

        as(EDITOR).body("{\"name\": \"" + renamed + "\", \"version\": \"1\", \"description\": \"first\"}")
                .patch(API + "/model-versions/update").then().statusCode(200)
                .body("model_version.description", equalTo("first"));
        post("/model-versions/set-tag", "{\"name\": \"" + renamed + "\", \"version\": \"1\", \"key\": \"k\","
                + " \"value\": \"v\"}").statusCode(200);
        as(EDITOR).queryParam("name", renamed).queryParam("version", "1").get(API + "/model-versions/get").then()
                .body("model_version.tags", contains(java.util.Map.of("key", "k", "value", "v")));
        as(EDITOR).body("{\"name\": \"" + renamed + "\", \"version\": \"1\", \"key\": \"k\"}")
                .delete(API + "/model-versions/delete-tag").then().statusCode(200);
        as(EDITOR).queryParam("name", renamed).queryParam("version", "1").get(API + "/model-versions/get").then()
                .body("model_version.tags", hasSize(0));
    }

    @Test
    void deletesVersionsWithTheirAliasesAndModelsButNotWhatServes() {
        String name = model("mlflow-delete");
        version(name, "");
        version(name, "");
        post("/registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"old\", \"version\": \"1\"}")
                .statusCode(200);
        transition(ADMIN, name, "2", "Production").statusCode(200);
        fails(as(ADMIN).body("{\"name\": \"" + name + "\", \"version\": \"2\"}").delete(API + "/model-versions/delete")
                .then(), 409, "INVALID_STATE");
        fails(as(EDITOR).body("{\"name\": \"" + name + "\", \"version\": \"1\"}").delete(API + "/model-versions/delete")
                .then(), 403, "PERMISSION_DENIED");
        as(ADMIN).body("{\"name\": \"" + name + "\", \"version\": \"1\"}").delete(API + "/model-versions/delete")
                .then().statusCode(200).body("$", equalTo(java.util.Map.of()));
        fails(as(EDITOR).queryParam("name", name).queryParam("alias", "old").get(API + "/registered-models/alias")
                .then(), 404, "RESOURCE_DOES_NOT_EXIST");
        // The number of a deleted version is not given out again.
        post("/model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"s3://m/3\"}")
                .body("model_version.version", equalTo("3"));

        fails(as(ADMIN).body("{\"name\": \"" + name + "\"}").delete(API + "/registered-models/delete").then(), 409,
                "INVALID_STATE").body("message", containsString("Production"));
        transition(ADMIN, name, "2", "Archived").statusCode(200);
        as(ADMIN).body("{\"name\": \"" + name + "\"}").delete(API + "/registered-models/delete").then()
                .statusCode(200);
        fails(as(EDITOR).queryParam("name", name).get(API + "/registered-models/get").then(), 404,
                "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void searchesModelsByNameAndTagWithOrderAndPages() {
        String prefix = "mlflow-search-" + UUID.randomUUID().toString().substring(0, 8);
        for (String suffix : new String[] {"b", "a", "c"}) {
            post("/registered-models/create", "{\"name\": \"" + prefix + "-" + suffix + "\", \"tags\": [{\"key\": "
                    + "\"tier\", \"value\": \"" + (suffix.equals("c") ? "gold" : "iron") + "\"}]}").statusCode(200);
        }
        as(EDITOR).queryParam("filter", "name LIKE '" + prefix + "%'").get(API + "/registered-models/search").then()
                .statusCode(200).body("registered_models.name", contains(prefix + "-a", prefix + "-b", prefix + "-c"));
        as(EDITOR).queryParam("filter", "name ILIKE '" + prefix.toUpperCase() + "%' AND tags.tier = 'gold'")
                .get(API + "/registered-models/search").then()
                .statusCode(200).body("registered_models.name", contains(prefix + "-c"));
        as(EDITOR).queryParam("filter", "name LIKE '" + prefix + "%' and tags.`tier` != \"gold\"")
                .queryParam("order_by", "name DESC").get(API + "/registered-models/search").then()
                .statusCode(200).body("registered_models.name", contains(prefix + "-b", prefix + "-a"));

        // A tag key is matched as written: tags.Team is not tags.team. Filter keywords take any case.
        for (String[] tagged : new String[][] {{"a", "Team"}, {"b", "team"}}) {
            post("/registered-models/set-tag", "{\"name\": \"" + prefix + "-" + tagged[0] + "\", \"key\": \""
                    + tagged[1] + "\", \"value\": \"risk\"}").statusCode(200);
        }
        as(EDITOR).queryParam("filter", "NAME LIKE '" + prefix + "%' AND Tags.Team = 'risk'")
                .get(API + "/registered-models/search").then()
                .statusCode(200).body("registered_models.name", contains(prefix + "-a"));
        as(EDITOR).queryParam("filter", "name LIKE '" + prefix + "%' AND tags.team = 'risk'")
                .get(API + "/registered-models/search").then()
                .statusCode(200).body("registered_models.name", contains(prefix + "-b"));

        String token = as(EDITOR).queryParam("filter", "name LIKE '" + prefix + "%'").queryParam("max_results", 2)
                .get(API + "/registered-models/search").then().statusCode(200)
                .body("registered_models", hasSize(2)).extract().path("next_page_token");
        as(EDITOR).queryParam("filter", "name LIKE '" + prefix + "%'").queryParam("max_results", 2)
                .queryParam("page_token", token).get(API + "/registered-models/search").then().statusCode(200)
                .body("registered_models.name", contains(prefix + "-c")).body("$", not(hasKey("next_page_token")));
    }

    @Test
    void searchesVersionsByNumberRunSourceAndTag() {
        String name = model("mlflow-versions");
        version(name, ", \"run_id\": \"run-a\"");
        version(name, ", \"run_id\": \"run-b\", \"tags\": [{\"key\": \"data\", \"value\": \"2026\"}]");
        version(name, ", \"run_id\": \"run-c\"");
        String search = API + "/model-versions/search";
        as(EDITOR).queryParam("filter", "name = '" + name + "' AND version_number >= 2")
                .queryParam("order_by", "version_number ASC").get(search).then().statusCode(200)
                .body("model_versions.version", contains("2", "3"));
        as(EDITOR).queryParam("filter", "name='" + name + "' AND run_id IN ('run-a', 'run-c')").get(search).then()
                .statusCode(200).body("model_versions.run_id", containsInAnyOrder("run-a", "run-c"));
        as(EDITOR).queryParam("filter", "source_path LIKE 's3://m/" + name + "' AND tags.data = '2026'").get(search)
                .then().statusCode(200).body("model_versions.version", contains("2"));
        String token = as(EDITOR).queryParam("filter", "name='" + name + "'").queryParam("max_results", 2)
                .get(search).then().statusCode(200).body("model_versions.version", contains("3", "2"))
                .extract().path("next_page_token");
        as(EDITOR).queryParam("filter", "name='" + name + "'").queryParam("page_token", token).get(search).then()
                .statusCode(200).body("model_versions.version", contains("1"));
    }

    @Test
    void answersBadInputWithMlflowErrorCodes() {
        String name = model("mlflow-errors");
        version(name, "");
        fails(post("/registered-models/create", "{\"name\": \"" + name + "\"}"), 400, "RESOURCE_ALREADY_EXISTS")
                .body("message", containsString(name));
        String other = model("mlflow-errors-other");
        fails(post("/registered-models/rename", "{\"name\": \"" + other + "\", \"new_name\": \"" + name + "\"}"), 400,
                "RESOURCE_ALREADY_EXISTS");
        fails(post("/registered-models/create", "{\"description\": \"no name\"}"), 400, "INVALID_PARAMETER_VALUE")
                .body("message", containsString("'name'"));
        fails(post("/registered-models/create", "{\"name\": \"bad name!\"}"), 400, "INVALID_PARAMETER_VALUE");
        fails(post("/registered-models/create", "{\"name\": "), 400, "BAD_REQUEST");
        fails(post("/registered-models/create", "{\"name\": \"x\", \"tags\": {\"k\": \"v\"}}"), 400,
                "INVALID_PARAMETER_VALUE");
        fails(as(EDITOR).get(API + "/registered-models/get").then(), 400, "INVALID_PARAMETER_VALUE")
                .body("message", containsString("name"));
        fails(as(EDITOR).queryParam("name", "no-such-" + name).get(API + "/registered-models/get").then(), 404,
                "RESOURCE_DOES_NOT_EXIST");
        fails(post("/model-versions/create", "{\"name\": \"no-such-" + name + "\", \"source\": \"s3://x\"}"), 404,
                "RESOURCE_DOES_NOT_EXIST");
        fails(post("/model-versions/create", "{\"name\": \"" + name + "\"}"), 400, "INVALID_PARAMETER_VALUE");
        fails(as(EDITOR).queryParam("name", name).queryParam("version", "one").get(API + "/model-versions/get").then(),
                400, "INVALID_PARAMETER_VALUE");
        fails(as(EDITOR).queryParam("name", name).queryParam("version", "9").get(API + "/model-versions/get").then(),
                404, "RESOURCE_DOES_NOT_EXIST");
        fails(transition(EDITOR, name, "1", "Shipped"), 400, "INVALID_PARAMETER_VALUE");
        fails(transition(EDITOR, name, "1", "Production"), 403, "PERMISSION_DENIED");
        fails(transition(EDITOR, name, "1", "None"), 409, "INVALID_STATE");
        fails(post("/registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"latest\","
                + " \"version\": \"1\"}"), 400, "INVALID_PARAMETER_VALUE");
        fails(post("/registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"a\", \"version\": \"7\"}"),
                404, "RESOURCE_DOES_NOT_EXIST");
        fails(as(EDITOR).body("{\"name\": \"" + name + "\", \"alias\": \"never-set\"}")
                .delete(API + "/registered-models/alias").then(), 404, "RESOURCE_DOES_NOT_EXIST");
        fails(as(EDITOR).queryParam("name", name).queryParam("stages", "Gone")
                .get(API + "/registered-models/get-latest-versions").then(), 400, "INVALID_PARAMETER_VALUE");
        fails(as(TestTokens.token("reader", "viewer")).body("{\"name\": \"x-" + name + "\"}")
                .post(API + "/registered-models/create").then(), 403, "PERMISSION_DENIED");
        fails(given().get(API + "/registered-models/search").then(), 401, "UNAUTHENTICATED");
        // Tokens that fail verification are refused before the REST layer: still MLflow's shape here.
        fails(given().auth().oauth2(TestTokens.expired("late")).get(API + "/registered-models/search").then(), 401,
                "UNAUTHENTICATED").header("WWW-Authenticate", "Bearer").body("message", containsString("expired"));
        fails(given().auth().oauth2(TestTokens.signedByStranger("mallory")).contentType(ContentType.JSON)
                .body("{\"name\": \"x-" + name + "\"}").post(API + "/registered-models/create").then(), 401,
                "UNAUTHENTICATED");
        // ... and the platform's problem body on the platform's own paths.
        given().auth().oauth2(TestTokens.expired("late")).get("/api/v2/models").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ai-platform:problem:unauthenticated"));
        fails(as(EDITOR).get(API + "/registered-models/no-such-endpoint").then(), 404, "ENDPOINT_NOT_FOUND")
                .body("message", not(containsString("Exception")));
    }

    @Test
    void refusesFiltersOrdersAndPagesItCannotRead() {
        String models = API + "/registered-models/search";
        for (String filter : new String[] {"name = x", "owner = 'me'", "name LIKE 'a' OR name LIKE 'b'",
                "name = 'unclosed", "tags.k IN ('a')", "version_number > 1", "name = 'a' AND", "name ~ 'a'"}) {
            fails(as(EDITOR).queryParam("filter", filter).get(models).then(), 400, "INVALID_PARAMETER_VALUE")
                    .body("message", containsString("filter"));
        }
        fails(as(EDITOR).queryParam("filter", "version_number > 'two'").get(API + "/model-versions/search").then(),
                400, "INVALID_PARAMETER_VALUE");
        fails(as(EDITOR).queryParam("order_by", "owner").get(models).then(), 400, "INVALID_PARAMETER_VALUE");
        fails(as(EDITOR).queryParam("order_by", "name sideways").get(models).then(), 400, "INVALID_PARAMETER_VALUE");
        fails(as(EDITOR).queryParam("max_results", 0).get(models).then(), 400, "INVALID_PARAMETER_VALUE");
        fails(as(EDITOR).queryParam("max_results", 1001).get(models).then(), 400, "INVALID_PARAMETER_VALUE");
        fails(as(EDITOR).queryParam("page_token", "not-a-token").get(models).then(), 400, "INVALID_PARAMETER_VALUE");
        // A value that looks like SQL is only ever a value.
        as(EDITOR).queryParam("filter", "name = \"x' OR '1'='1\"").get(models).then().statusCode(200)
                .body("registered_models", hasSize(0));
    }

    @Test
    void documentsMlflowErrorsInTheOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey(API + "/registered-models/create"))
                .body("paths.'" + API + "/model-versions/get'.get.responses.'404'.content.'application/json'"
                        + ".schema.'$ref'", equalTo("#/components/schemas/MlflowError"))
                .body("components.schemas.MlflowError.properties", hasKey("error_code"));
    }
}

package ai.platform.quality.rules;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import ai.platform.testing.ServiceTestResources;
import ai.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class RuleResourceTest {

    private static final String RULES = "/api/v2/data/quality/rules";
    private static final String EDITOR = TestTokens.token("erin", "editor");
    private static final String VIEWER = TestTokens.token("victor", "viewer");

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String ruleJson(String name) {
        return """
                {"name": "%s", "rule_type": "custom", "dataset": "orders",
                 "definition": {"predicate": "amount >= 0"}, "description": "no negative amounts"}
                """.formatted(name);
    }

    @Test
    void createsARuleOwnedByTheCaller() {
        String name = unique("positive-amount");
        String location = given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(ruleJson(name))
                .when().post(RULES)
                .then().statusCode(201)
                .header("Location", containsString(RULES + "/"))
                .body("name", equalTo(name))
                .body("rule_type", equalTo("custom"))
                .body("severity", equalTo("error"))
                .body("definition.predicate", equalTo("amount >= 0"))
                .body("created_by", equalTo("erin"))
                .body("created_at", endsWith("Z"))
                .extract().header("Location");
        given().auth().oauth2(VIEWER).when().get(location)
                .then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void refusesADuplicateName() {
        String name = unique("dup");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(ruleJson(name)).post(RULES)
                .then().statusCode(201);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(ruleJson(name))
                .when().post(RULES)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(name));
    }

    @Test
    void refusesMissingFieldsWrongTypesUnknownEnumsAndMalformedJson() {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"description\": \"x\"}")
                .when().post(RULES)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("rule_type"))
                .body("errors.field", hasItem("definition"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"rule_type\": \"magic\", \"definition\": {\"a\": 1}}")
                .when().post(RULES)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("rule_type"))
                .body("errors[0].message", containsString("'schema', 'custom', 'statistical'"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"rule_type\": \"custom\", \"definition\": [1, 2]}")
                .when().post(RULES)
                .then().statusCode(400).body("errors[0].field", equalTo("definition"))
                .body("errors[0].message", equalTo("must be an object"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post(RULES)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not well-formed JSON"));
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"name\": \"bad name!\", "
                        + "\"rule_type\": \"custom\", \"definition\": {\"a\": 1}}")
                .when().post(RULES)
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void viewersCannotCreate() {
        given().auth().oauth2(VIEWER).contentType(ContentType.JSON).body(ruleJson(unique("v")))
                .when().post(RULES)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("editor"));
    }

    @Test
    void listsPageByPageWithFilters() {
        String dataset = unique("ds");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                    .body("{\"name\": \"%s-%d\", \"rule_type\": \"schema\", \"dataset\": \"%s\", \"definition\": {\"columns\": [\"id\"]}}"
                            .formatted(dataset, i, dataset))
                    .post(RULES).then().statusCode(201);
        }
        String token = given().auth().oauth2(VIEWER).queryParam("dataset", dataset).queryParam("page_size", 2)
                .when().get(RULES)
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].name", equalTo(dataset + "-0"))
                .body("next_page_token", notNullValue())
                .extract().path("next_page_token");
        given().auth().oauth2(VIEWER).queryParam("dataset", dataset).queryParam("page_size", 2)
                .queryParam("page_token", token)
                .when().get(RULES)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].name", equalTo(dataset + "-2"))
                .body("next_page_token", nullValue());
        given().auth().oauth2(VIEWER).queryParam("page_size", 0).when().get(RULES)
                .then().statusCode(400).body("errors[0].field", equalTo("page_size"));
        given().auth().oauth2(VIEWER).queryParam("rule_type", "nope").when().get(RULES)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("rule_type"));
        given().auth().oauth2(VIEWER).queryParam("rule_type", "SCHEMA").queryParam("dataset", dataset)
                .when().get(RULES)
                .then().statusCode(200).body("items", hasSize(3));
    }

    @Test
    void unknownRuleIsNotFound() {
        given().auth().oauth2(VIEWER).when().get(RULES + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:ai-platform:problem:not-found"));
    }
}

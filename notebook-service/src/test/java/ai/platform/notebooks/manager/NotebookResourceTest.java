package ai.platform.notebooks.manager;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
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
class NotebookResourceTest {

    private static final String NOTEBOOKS = "/api/v2/notebooks";

    private static String editor(String name) {
        return TestTokens.token(name, "editor");
    }

    @Test
    void createsAnEmptyPythonNotebookOwnedByTheCaller() {
        String ada = "ada-" + UUID.randomUUID();
        String location = given().auth().oauth2(editor(ada)).contentType(ContentType.JSON)
                .body("{\"name\": \"exploration\", \"project\": \"churn\"}")
                .when().post(NOTEBOOKS)
                .then().statusCode(201)
                .body("owner_id", equalTo(ada))
                .body("version", equalTo(1))
                .body("content.nbformat", equalTo(4))
                .body("content.metadata.kernelspec.name", equalTo("python3"))
                .extract().header("Location");
        given().auth().oauth2(editor(ada)).when().get(location)
                .then().statusCode(200).body("name", equalTo("exploration"))
                .body("content.cells", hasSize(0));
    }

    @Test
    void keepsAGivenDocumentAndRefusesOneThatIsNotNbformat4() {
        String body = """
                {"name": "given", "content": {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                 "cells": [{"cell_type": "code", "source": "print(1)", "metadata": {}, "outputs": [],
                            "execution_count": null}]}}
                """;
        given().auth().oauth2(editor("bo")).contentType(ContentType.JSON).body(body)
                .when().post(NOTEBOOKS)
                .then().statusCode(201).body("content.cells[0].source", equalTo("print(1)"));
        given().auth().oauth2(editor("bo")).contentType(ContentType.JSON)
                .body("{\"name\": \"bad\", \"content\": {\"nbformat\": 3, \"cells\": [{\"cell_type\": \"image\"}]}}")
                .when().post(NOTEBOOKS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("content.nbformat"))
                .body("errors.field", hasItem("content.cells[0].cell_type"))
                .body("errors.field", hasItem("content.cells[0].source"));
        given().auth().oauth2(editor("bo")).contentType(ContentType.JSON).body("{\"content\": {}}")
                .when().post(NOTEBOOKS)
                .then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(TestTokens.token("vi", "viewer")).contentType(ContentType.JSON)
                .body("{\"name\": \"nope\"}")
                .when().post(NOTEBOOKS)
                .then().statusCode(403);
    }

    @Test
    void othersCannotSeeANotebookThatIsNotSharedWithThem() {
        String owner = "owner-" + UUID.randomUUID();
        String stranger = "stranger-" + UUID.randomUUID();
        String id = given().auth().oauth2(editor(owner)).contentType(ContentType.JSON)
                .body("{\"name\": \"private\"}").post(NOTEBOOKS)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(editor(stranger)).when().get(NOTEBOOKS + "/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(editor(stranger)).when().get(NOTEBOOKS)
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(TestTokens.token("root", "admin")).when().get(NOTEBOOKS + "/" + id)
                .then().statusCode(200);
    }

    @Test
    void listsTheCallersNotebooksPageByPage() {
        String owner = "lister-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(editor(owner)).contentType(ContentType.JSON)
                    .body("{\"name\": \"nb-" + i + "\"}").post(NOTEBOOKS).then().statusCode(201);
        }
        String next = given().auth().oauth2(editor(owner)).queryParam("page_size", 2).when().get(NOTEBOOKS)
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].name", equalTo("nb-0"))
                .body("items[0].content", nullValue())
                .body("next_page_token", notNullValue())
                .extract().path("next_page_token");
        given().auth().oauth2(editor(owner)).queryParam("page_size", 2).queryParam("page_token", next)
                .when().get(NOTEBOOKS)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].name", equalTo("nb-2"))
                .body("next_page_token", nullValue());
        given().auth().oauth2(editor(owner)).queryParam("page_token", "%%%").when().get(NOTEBOOKS)
                .then().statusCode(400).body("detail", containsString("invalid"));
    }
}

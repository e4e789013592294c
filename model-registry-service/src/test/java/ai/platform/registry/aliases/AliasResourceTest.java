package ai.platform.registry.aliases;

import static ai.platform.registry.RegistryApi.EDITOR;
import static ai.platform.registry.RegistryApi.model;
import static ai.platform.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class AliasResourceTest {

    @Inject
    Pool pool;

    private static io.restassured.response.ValidatableResponse setAlias(String model, String alias, int version) {
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"alias\": \"" + alias + "\", \"version\": " + version + "}")
                .post("/api/v2/models/" + model + "/alias").then();
    }

    @Test
    void setsMovesResolvesAndDeletesAnAlias() {
        String name = model("ranker");
        version(name, "");
        version(name, "");
        setAlias(name, "champion", 1).statusCode(200).body("version", equalTo(1))
                .body("aliases", contains("champion"));
        setAlias(name, "challenger", 2).statusCode(200);
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/alias/champion")
                .then().statusCode(200).body("version", equalTo(1));
        setAlias(name, "champion", 2).statusCode(200).body("aliases", contains("challenger", "champion"));
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/versions/1")
                .then().body("aliases", hasSize(0));
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/aliases")
                .then().statusCode(200).body("champion", equalTo(2)).body("challenger", equalTo(2));
        given().auth().oauth2(EDITOR).when().delete("/api/v2/models/" + name + "/alias/challenger")
                .then().statusCode(204);
        given().auth().oauth2(EDITOR).when().delete("/api/v2/models/" + name + "/alias/challenger")
                .then().statusCode(404);
        given().auth().oauth2(EDITOR).when().get("/api/v2/models/" + name + "/alias/challenger")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aDeleteQueuesOnTheModelAsASetDoes() throws Exception {
        String name = model("queued");
        version(name, "");
        setAlias(name, "champion", 1).statusCode(200);
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        CompletableFuture<Integer> deleted;
        try {
            // Another change of the model holds its row, as a set or a stage transition does while it runs.
            Transaction transaction = connection.begin().await().atMost(Duration.ofSeconds(10));
            connection.preparedQuery("SELECT id FROM registered_models WHERE name = $1 FOR UPDATE")
                    .execute(Tuple.of(name)).await().atMost(Duration.ofSeconds(10));
            deleted = CompletableFuture.supplyAsync(() -> given().auth().oauth2(EDITOR)
                    .delete("/api/v2/models/" + name + "/alias/champion").then().extract().statusCode());
            // Waiting for something not to happen: half a second is ample for a delete that does not queue.
            assertThrows(TimeoutException.class, () -> deleted.get(500, TimeUnit.MILLISECONDS));
            transaction.commit().await().atMost(Duration.ofSeconds(10));
        } finally {
            connection.close().await().atMost(Duration.ofSeconds(10));
        }
        assertEquals(204, deleted.get(10, TimeUnit.SECONDS));
    }

    @Test
    void refusesReservedNamesBadFieldsAndUnknownVersions() {
        String name = model("aliased");
        version(name, "");
        setAlias(name, "latest", 1).statusCode(400).body("errors[0].field", equalTo("alias"));
        setAlias(name, "v3", 1).statusCode(400);
        setAlias(name, "has space", 1).statusCode(400);
        setAlias(name, "champion", 5).statusCode(404);
        setAlias(name, "champion", 0).statusCode(400).body("errors[0].field", equalTo("version"));
        setAlias("no-such-model-" + name, "champion", 1).statusCode(404);
    }
}

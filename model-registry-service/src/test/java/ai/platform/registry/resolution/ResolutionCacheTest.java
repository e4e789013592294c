package ai.platform.registry.resolution;

import static ai.platform.registry.RegistryApi.ADMIN;
import static ai.platform.registry.RegistryApi.EDITOR;
import static ai.platform.registry.RegistryApi.model;
import static ai.platform.registry.RegistryApi.stage;
import static ai.platform.registry.RegistryApi.version;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Resolutions are cached, and every change reaches the cache: made through this replica's API (seen at once), or
 * committed elsewhere (another replica, psql, a {@code TRUNCATE}), seen when its notification arrives. A change made
 * without a notification shows that answers really come from the cache.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class ResolutionCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MLFLOW = "/api/2.0/mlflow";

    @Inject
    Pool pool;
    @Inject
    Resolutions resolutions;

    private static void setAlias(String model, String alias, int version) {
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"alias\": \"" + alias + "\", \"version\": " + version + "}")
                .post("/api/v2/models/" + model + "/alias").then().statusCode(200);
    }

    /** The version {@code champion} resolves to, or the status when it does not resolve. */
    private static int champion(String model) {
        return resolve("/api/v2/models/" + model + "/alias/champion");
    }

    private static int latest(String model, String query) {
        return resolve("/api/v2/models/" + model + "/latest" + query);
    }

    private static int resolve(String path) {
        ExtractableResponse<Response> response = given().auth().oauth2(EDITOR).get(path).then().extract();
        if (response.statusCode() != 200) {
            return -response.statusCode();
        }
        int version = response.path("version");
        return version;
    }

    /** The versions MLflow's GetLatestVersions answers for {@code model} (all stages), as sent. */
    private static String mlflowLatest(String model) {
        return given().auth().oauth2(EDITOR).queryParam("name", model)
                .get(MLFLOW + "/registered-models/get-latest-versions").then().statusCode(200).extract().asString();
    }

    /** A version as MLflow's GetModelVersion sends it, without the message around it. */
    private static String mlflowVersion(String model, int version) {
        String message = given().auth().oauth2(EDITOR).queryParam("name", model).queryParam("version", version)
                .get(MLFLOW + "/model-versions/get").then().statusCode(200).extract().asString();
        String prefix = "{\"model_version\":";
        assertTrue(message.startsWith(prefix) && message.endsWith("}"), message);
        return message.substring(prefix.length(), message.length() - 1);
    }

    RowSet<Row> sql(String statement, Tuple arguments) {
        return pool.preparedQuery(statement).execute(arguments).await().atMost(WAIT);
    }

    /** Moves an alias as a writer that sends no notification would: only the cache can still answer the old one. */
    private void moveSilently(String model, String alias, int version) {
        pool.withTransaction(sql -> sql.query("ALTER TABLE model_aliases DISABLE TRIGGER model_aliases_changed")
                        .execute()
                        .flatMap(v -> sql.preparedQuery("UPDATE model_aliases SET version = $3 WHERE alias = $2"
                                        + " AND model_id = (SELECT id FROM registered_models WHERE name = $1)")
                                .execute(Tuple.of(model, alias, version)))
                        .flatMap(v -> sql.query("ALTER TABLE model_aliases ENABLE TRIGGER model_aliases_changed")
                                .execute()))
                .await().atMost(WAIT);
    }

    /**
     * Waits until this replica answers {@code champion} (on version 1 or 2) from its cache, that is until an alias
     * moved without notifying is not seen (the notifications of the test's own earlier writes may still arrive
     * meanwhile), and returns that answer: the database then holds the other version.
     */
    private int cachedChampion(String model) {
        return await().atMost(WAIT).until(() -> {
            int cached = champion(model);
            moveSilently(model, "champion", 3 - cached);
            return champion(model) == cached ? cached : 0;
        }, cached -> cached > 0);
    }

    /**
     * Waits until {@code answers} of {@code model} (whose versions 1 and 2 are ready) come from this replica's cache
     * while champion is on version 2, that is until they stay the same as champion moves to version 1 without
     * notifying (the notifications of the test's earlier writes may still arrive meanwhile), and returns them: the
     * database then has champion on version 1.
     */
    private String cachedWithChampionOn2(String model, Supplier<String> answers) {
        return await().atMost(WAIT).until(() -> {
            moveSilently(model, "champion", 2);
            resolutions.invalidate(model);
            String cached = answers.get();
            moveSilently(model, "champion", 1);
            return answers.get().equals(cached) ? cached : null;
        }, Objects::nonNull);
    }

    /** A new model with versions 1 and 2, its alias champion on {@code champion}. */
    private String twoVersionsWithChampion(String prefix, int champion) {
        String name = model(prefix);
        version(name, "");
        version(name, "");
        setAlias(name, "champion", champion);
        return name;
    }

    Optional<Integer> listenerPid() {
        RowSet<Row> rows = sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = $1", Tuple.of(ChangeListener.APPLICATION_NAME));
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger("pid"));
    }

    @Test
    void aMovedOrDeletedAliasResolvesAnewAsSoonAsTheChangeIsAnswered() {
        String name = twoVersionsWithChampion("cached-alias", 1);
        assertEquals(1, champion(name));
        assertEquals(1, champion(name));
        setAlias(name, "champion", 2);
        assertEquals(2, champion(name));
        given().auth().oauth2(EDITOR).get(MLFLOW + "/registered-models/alias?name=" + name + "&alias=champion")
                .then().statusCode(200).body("model_version.version", equalTo("2"));
        given().auth().oauth2(EDITOR).delete("/api/v2/models/" + name + "/alias/champion").then().statusCode(204);
        assertEquals(-404, champion(name));
    }

    @Test
    void anAnswerIsServedFromTheCacheUntilANotificationNamesItsModel() {
        String name = twoVersionsWithChampion("silent", 1);
        int cached = cachedChampion(name);
        assertEquals(cached, champion(name), "still cached: nothing told this replica of the move");
        // What another replica's write sends on commit.
        sql("SELECT pg_notify($1, $2)", Tuple.of(ChangeListener.CHANNEL, name));
        await().atMost(WAIT).until(() -> champion(name) == 3 - cached);
    }

    @Test
    void aChangeCommittedElsewhereReachesTheCacheThroughItsTrigger() {
        String name = twoVersionsWithChampion("elsewhere", 1);
        assertEquals(1, champion(name));
        assertEquals(2, latest(name, ""));
        assertEquals(2, latest(name, "?stage=None"));
        // Plain SQL, as another replica (or someone in psql, with another search_path) writes: the triggers notify.
        pool.withTransaction(sql -> sql.query("SET LOCAL search_path = public").execute()
                        .flatMap(v -> sql.preparedQuery("UPDATE model_registry.model_aliases SET version = 2"
                                        + " WHERE alias = 'champion' AND model_id = (SELECT id"
                                        + " FROM model_registry.registered_models WHERE name = $1)")
                                .execute(Tuple.of(name))))
                .await().atMost(WAIT);
        await().atMost(WAIT).until(() -> champion(name) == 2);
        sql("UPDATE model_versions SET current_stage = 'Staging' WHERE version = 2"
                + " AND model_id = (SELECT id FROM registered_models WHERE name = $1)", Tuple.of(name));
        await().atMost(WAIT).until(() -> latest(name, "?stage=None") == 1);
        assertEquals(2, latest(name, "?stage=Staging"));
        sql("DELETE FROM registered_models WHERE name = $1", Tuple.of(name));
        await().atMost(WAIT).until(() -> champion(name) == -404 && latest(name, "") == -404);
    }

    @Test
    void latestFollowsVersionsAsTheyBecomeReadyAndChangeStage() {
        String name = model("cached-latest");
        version(name, "");
        assertEquals(1, latest(name, ""));
        version(name, ", \"await_upload\": true");
        assertEquals(1, latest(name, ""), "a pending version is not the latest");
        given().auth().oauth2(EDITOR).contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .put("/api/v2/models/" + name + "/versions/2/artifacts/model.bin").then().statusCode(201);
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body("{\"status\": \"ready\"}")
                .patch("/api/v2/models/" + name + "/versions/2").then().statusCode(200);
        assertEquals(2, latest(name, ""));
        assertEquals(-404, latest(name, "?stage=Production"));
        assertEquals(2, latest(name, "?stage=None"));
        stage(name, 1, "Production", ADMIN, 200);
        assertEquals(1, latest(name, "?stage=Production"));
        assertEquals(2, latest(name, "?stage=None"));
        stage(name, 2, "Production", ADMIN, 200);
        assertEquals(2, latest(name, "?stage=Production"));
        assertEquals(-404, latest(name, "?stage=None"));
        assertEquals(1, latest(name, "?stage=Archived"), "archived by the move of version 2");
        version(name, "");
        assertEquals(3, latest(name, ""));
    }

    @Test
    void deletedAndRenamedModelsAndDeletedVersionsNoLongerResolve() {
        String name = twoVersionsWithChampion("cached-delete", 2);
        assertEquals(2, champion(name));
        assertEquals(2, latest(name, ""));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"version\": \"2\"}").delete(MLFLOW + "/model-versions/delete")
                .then().statusCode(200);
        assertEquals(-404, champion(name), "the alias went with its version");
        assertEquals(1, latest(name, ""));
        setAlias(name, "champion", 1);
        assertEquals(1, champion(name));
        String renamed = name + "-renamed";
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"new_name\": \"" + renamed + "\"}")
                .post(MLFLOW + "/registered-models/rename").then().statusCode(200);
        assertEquals(-404, champion(name));
        assertEquals(-404, latest(name, ""));
        assertEquals(1, champion(renamed));
        assertEquals(1, latest(renamed, ""));
        given().auth().oauth2(ADMIN).delete("/api/v2/models/" + renamed).then().statusCode(204);
        assertEquals(-404, champion(renamed));
        assertEquals(-404, latest(renamed, ""));
    }

    @Test
    void aLostListeningConnectionDropsTheCacheUntilItListensAgain() {
        String name = twoVersionsWithChampion("reconnect", 1);
        int first = await().atMost(WAIT).until(this::listenerPid, Optional::isPresent).orElseThrow();
        int cached = cachedChampion(name);
        // As a PostgreSQL restart does: the notifications sent while the listener is away are lost.
        sql("SELECT pg_terminate_backend($1)", Tuple.of(first));
        await().atMost(WAIT).until(() -> champion(name) == 3 - cached);
        await().atMost(WAIT).until(this::listenerPid, pid -> pid.isPresent() && pid.get() != first);
        // Once it listens again, nothing cached before the loss is answered: the alias moved silently meanwhile.
        await().atMost(WAIT).until(() -> "1.0".equals(listeningMetric()));
        assertEquals(3 - cached, champion(name));
        // And answers are cached again, which operators see in the metric.
        cachedChampion(name);
        assertEquals("1.0", listeningMetric());
    }

    @Test
    void aTruncateDropsEveryAnswerCachedBeforeIt() {
        String name = twoVersionsWithChampion("truncated", 2);
        Supplier<String> answers = () -> champion(name) + " " + given().auth().oauth2(EDITOR)
                .get("/api/v2/models/" + name + "/latest").then().extract().path("aliases") + " " + mlflowLatest(name);
        String cached = cachedWithChampionOn2(name, answers);
        assertTrue(cached.startsWith("2 [champion] ") && cached.contains("\"aliases\":[\"champion\"]"), cached);
        // No row trigger fires: V10's statement trigger tells every replica that every model changed.
        sql("TRUNCATE model_aliases", Tuple.tuple());
        await().atMost(WAIT).until(() -> answers.get().startsWith("-404 [] ")
                && answers.get().contains("\"aliases\":[]"));
    }

    @Test
    void everyTableTheAnswersComeFromNotifiesItsTruncate() {
        RowSet<Row> rows = sql("SELECT string_agg(t.tgrelid::regclass::text, ' ' ORDER BY t.tgrelid::regclass::text)"
                + " AS tables FROM pg_trigger t WHERE t.tgfoid = 'notify_every_model_changed'::regproc"
                + " AND t.tgtype & 32 <> 0 AND t.tgenabled <> 'D'", Tuple.tuple());
        assertEquals("model_aliases model_versions registered_models", rows.iterator().next().getString("tables"));
    }

    @Test
    void mlflowLatestVersionsComeFromTheSameCacheInTheSameShape() {
        String name = twoVersionsWithChampion("mlflow-latest", 2);
        stage(name, 1, "Staging", EDITOR, 200);
        resolutions.invalidate(name);
        String fresh = mlflowLatest(name);
        // MLflow's ModelVersion messages, byte for byte as GetModelVersion sends them: the newest per stage, newest
        // first.
        assertEquals("{\"model_versions\":[" + mlflowVersion(name, 2) + "," + mlflowVersion(name, 1) + "]}", fresh);
        assertEquals(fresh, cachedWithChampionOn2(name, () -> mlflowLatest(name)), "the cached answer is the same");
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"stages\": [\"None\"]}")
                .post(MLFLOW + "/registered-models/get-latest-versions").then().statusCode(200)
                .body("model_versions.aliases", equalTo(List.of(List.of("champion"))));
        // The notification another replica's write sends drops it, as it drops the alias and latest answers.
        sql("SELECT pg_notify($1, $2)", Tuple.of(ChangeListener.CHANNEL, name));
        await().atMost(WAIT).until(() -> mlflowLatest(name).equals("{\"model_versions\":["
                + mlflowVersion(name, 2) + "," + mlflowVersion(name, 1) + "]}") && champion(name) == 1);
        // A change made here is answered at once.
        stage(name, 2, "Production", ADMIN, 200);
        given().auth().oauth2(EDITOR).queryParam("name", name).queryParam("stages", "Production")
                .get(MLFLOW + "/registered-models/get-latest-versions").then().statusCode(200)
                .body("model_versions.version", equalTo(List.of("2")));
    }

    @Test
    void mlflowLatestVersionsOfAModelWithoutVersionsAreNoneAndOfNoModelAnError() {
        String name = model("mlflow-empty");
        assertEquals("{\"model_versions\":[]}", mlflowLatest(name));
        assertEquals("{\"model_versions\":[]}", mlflowLatest(name));
        String unknown = name + "-unknown";
        given().auth().oauth2(EDITOR).queryParam("name", unknown).get(MLFLOW + "/registered-models/get-latest-versions")
                .then().statusCode(404).body("error_code", equalTo("RESOURCE_DOES_NOT_EXIST"));
        given().auth().oauth2(EDITOR).queryParam("name", unknown).queryParam("stages", "Gone")
                .get(MLFLOW + "/registered-models/get-latest-versions")
                .then().statusCode(400).body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
    }

    /** The value of registry_resolution_cache_listening on /q/metrics. */
    private static String listeningMetric() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("registry_resolution_cache_listening"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse("absent");
    }
}

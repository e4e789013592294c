package ai.platform.featurestore.materialization;

import static ai.platform.featurestore.FeatureStoreApi.EDITOR;
import static ai.platform.featurestore.FeatureStoreApi.group;
import static ai.platform.featurestore.FeatureStoreApi.ingest;
import static ai.platform.featurestore.FeatureStoreApi.online;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class MaterializationTest {

    private static final String JOBS = "/api/v2/feature-store/materialize/jobs";

    @Inject
    RedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    MaterializationState state;

    @Test
    void copiesTheNewestValueOfEachFeatureOfEachEntityEvenFromDifferentRows() {
        String g = group("mat", "");
        ingest(g, """
                [{"entity": {"user_id": 1}, "event_time": "2026-11-20T08:00:00Z", "values": {"age": 30, "score": 0.5}},
                 {"entity": {"user_id": 1}, "event_time": "2026-11-20T09:00:00Z", "values": {"age": 31}},
                 {"entity": {"user_id": 2}, "event_time": "2026-11-20T08:00:00Z", "values": {"country": "NZ"}},
                 {"entity": {"user_id": 2}, "event_time": "2026-11-20T07:00:00Z", "values": {"country": "AU",
                  "emb": [0.5, 1.5]}}]
                """).statusCode(200);
        forgetOnline(g);
        online(g, "1", "age").body("results[0].values.'" + g + ":age'.status", equalTo("NOT_FOUND"));

        JsonPath job = run("{\"feature_group\": \"" + g + "\"}");
        assertEquals("succeeded", job.getString("status"));
        assertEquals("incremental", job.getString("mode"));
        assertEquals("api", job.getString("trigger"));
        assertEquals("data-scientist", job.getString("requested_by"));
        assertEquals(4, job.getInt("rows_read"));
        assertEquals(2, job.getInt("entities_written"));
        assertEquals(4, job.getInt("values_written"));

        online(g, "1", "age", "score").statusCode(200)
                .body("results[0].values.'" + g + ":age'.value", equalTo(31))
                .body("results[0].values.'" + g + ":age'.event_time", equalTo("2026-11-20T09:00:00Z"))
                .body("results[0].values.'" + g + ":score'.value", equalTo(0.5f))
                .body("results[0].values.'" + g + ":score'.event_time", equalTo("2026-11-20T08:00:00Z"));
        online(g, "2", "country", "emb").statusCode(200)
                .body("results[0].values.'" + g + ":country'.value", equalTo("NZ"))
                .body("results[0].values.'" + g + ":emb'.value[1]", equalTo(1.5f))
                .body("results[0].values.'" + g + ":emb'.event_time", equalTo("2026-11-20T07:00:00Z"));
    }

    @Test
    void anIncrementalRunTakesOnlyWhatWasIngestedSinceTheLastOne() {
        String g = group("incr", "");
        ingest(g, row(1, "2026-11-20T08:00:00Z", 30)).statusCode(200);
        assertEquals(1, run("{\"feature_group\": \"" + g + "\"}").getInt("entities_written"));
        ingest(g, row(2, "2026-11-20T08:00:00Z", 40)).statusCode(200);
        forgetOnline(g);

        JsonPath second = run("{\"feature_group\": \"" + g + "\"}");
        assertEquals(1, second.getInt("rows_read"));
        online(g, "2", "age").body("results[0].values.'" + g + ":age'.value", equalTo(40));
        online(g, "1", "age").body("results[0].values.'" + g + ":age'.status", equalTo("NOT_FOUND"));
        schedule(g).statusCode(200).body("watermark_time", notNullValue()).body("last_status", equalTo("succeeded"))
                .body("cron", nullValue());
    }

    @Test
    void aRangeRunTakesTheEventsInItsRangeAndAnOlderEventNeverReplacesANewerOne() {
        String g = group("range", "");
        ingest(g, row(1, "2026-11-01T00:00:00Z", 10)).statusCode(200);
        ingest(g, row(2, "2026-11-10T00:00:00Z", 20)).statusCode(200);
        ingest(g, row(3, "2026-11-20T00:00:00Z", 30)).statusCode(200);
        forgetOnline(g);
        ingest(g, row(3, "2026-11-21T00:00:00Z", 31)).statusCode(200);

        JsonPath job = run("""
                {"feature_group": "%s", "start_time": "2026-11-05T00:00:00Z", "end_time": "2026-11-20T00:00:00Z"}
                """.formatted(g));
        assertEquals("range", job.getString("mode"));
        assertEquals(2, job.getInt("entities_written"));
        online(g, "1", "age").body("results[0].values.'" + g + ":age'.status", equalTo("NOT_FOUND"));
        online(g, "2", "age").body("results[0].values.'" + g + ":age'.value", equalTo(20));
        // Online already holds user 3's newer event (ingested after the keys were dropped): it stays.
        online(g, "3", "age").body("results[0].values.'" + g + ":age'.value", equalTo(31));
    }

    @Test
    void valuesOlderThanTheTtlAreNotCopied() {
        String g = group("ttl", ", \"ttl_seconds\": 3600");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ingest(g, row(1, now.minusHours(2).toString(), 10)).statusCode(200);
        ingest(g, row(2, now.minusMinutes(10).toString(), 20)).statusCode(200);
        forgetOnline(g);
        JsonPath job = run("{\"feature_group\": \"" + g + "\"}");
        assertEquals(1, job.getInt("entities_written"));
        online(g, "1", "age").body("results[0].values.'" + g + ":age'.status", equalTo("NOT_FOUND"));
        online(g, "2", "age").body("results[0].values.'" + g + ":age'.value", equalTo(20));
    }

    @Test
    void whenRedisRefusesWritesJobsFailAndPendingIngestionsAreCaughtUpOnceItIsBack() {
        String g = group("catchup", "");
        redis.execute("CONFIG", "SET", "maxmemory-policy", "noeviction");
        redis.execute("CONFIG", "SET", "maxmemory", "1");
        try {
            ingest(g, row(9, "2026-11-20T10:00:00Z", 50)).statusCode(200).body("online", equalTo("pending"));
            schedule(g).body("catch_up_pending_since", notNullValue());
            JsonPath failed = await().atMost(Duration.ofSeconds(20)).until(
                    () -> lastJob(g), job -> job != null && "failed".equals(job.getString("status")));
            assertEquals("catch_up", failed.getString("trigger"));
            org.hamcrest.MatcherAssert.assertThat(failed.getString("error"),
                    containsString("online store could not be written"));
        } finally {
            redis.execute("CONFIG", "SET", "maxmemory", "0");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> online(g, "9", "age").extract().jsonPath()
                .getString("results[0].values.'" + g + ":age'.status"), "PRESENT"::equals);
        online(g, "9", "age").body("results[0].values.'" + g + ":age'.value", equalTo(50));
        await().atMost(Duration.ofSeconds(10)).until(() -> schedule(g).extract().jsonPath()
                .getString("catch_up_pending_since") == null);
    }

    @Test
    void aRunSettlesOnlyTheCatchUpsAskedForBeforeItsSnapshot() {
        String g = group("race", "");
        UUID id = groupId(g);
        state.requestCatchUp(id).await().indefinitely();
        MaterializationState.Snapshot snapshot = pool.query("SELECT pg_current_snapshot()::text, now()").execute()
                .map(rows -> new MaterializationState.Snapshot(rows.iterator().next().getString(0),
                        rows.iterator().next().getOffsetDateTime(1)))
                .await().indefinitely();
        // An ingestion after the run's snapshot fails online too: its rows were not in the snapshot.
        state.requestCatchUp(id).await().indefinitely();
        state.recordRun(id, true, snapshot, true).await().indefinitely();
        schedule(g).body("catch_up_pending_since", notNullValue());

        MaterializationState.Snapshot later = new MaterializationState.Snapshot(snapshot.snapshot(),
                OffsetDateTime.now().plusSeconds(1));
        state.recordRun(id, true, later, true).await().indefinitely();
        schedule(g).body("catch_up_pending_since", nullValue());
    }

    @Test
    void aScheduleRunsIncrementalJobsUntilItIsRemoved() {
        String g = group("sched", "");
        scheduleRequest(g, "{\"cron\": \"every minute\"}").statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cron"));
        scheduleRequest(g, "{\"cron\": \"61 * * * *\"}").statusCode(400).body("errors[0].field", equalTo("cron"));
        scheduleRequest(g, "{}").statusCode(400);
        scheduleRequest(g, "{\"cron\": \"0 0 30 2 *\"}").statusCode(400).body("errors[0].field", equalTo("cron"));
        scheduleRequest("no_such_group_" + g, "{\"cron\": \"* * * * *\"}").statusCode(404);

        ingest(g, row(5, "2026-11-20T10:00:00Z", 55)).statusCode(200);
        forgetOnline(g);
        scheduleRequest(g, "{\"cron\": \"*/1 * * * * *\"}").statusCode(200)
                .body("cron", equalTo("*/1 * * * * *")).body("next_run", notNullValue())
                .body("updated_by", equalTo("data-scientist"));
        given().auth().oauth2(EDITOR).get("/api/v2/feature-store/materialize/schedules").then().statusCode(200)
                .body("items.find { it.feature_group == '" + g + "' }.cron", equalTo("*/1 * * * * *"));
        await().atMost(Duration.ofSeconds(20)).until(() -> online(g, "5", "age").extract().jsonPath()
                .getString("results[0].values.'" + g + ":age'.status"), "PRESENT"::equals);
        assertEquals("schedule", lastJob(g).getString("trigger"));

        given().auth().oauth2(EDITOR).delete("/api/v2/feature-store/materialize/schedules/" + g).then()
                .statusCode(204);
        schedule(g).statusCode(200).body("cron", nullValue()).body("next_run", nullValue());
    }

    @Test
    void aJobWhoseReplicaDiedIsRunAgainByAnother() {
        String g = group("orphan", "");
        ingest(g, row(4, "2026-11-20T10:00:00Z", 44)).statusCode(200);
        forgetOnline(g);
        UUID abandoned = pool.preparedQuery("INSERT INTO materialization_jobs (feature_group_id, mode, trigger,"
                        + " requested_by, status, attempts, started_at, heartbeat_at) SELECT id, 'incremental', 'api',"
                        + " 'someone', 'running', 1, now() - interval '1 minute', now() - interval '1 minute'"
                        + " FROM feature_groups WHERE name = $1 RETURNING id")
                .execute(Tuple.of(g)).await().indefinitely().iterator().next().getUUID(0);

        // While it counts as running, the group cannot get a second job.
        materialize("{\"feature_group\": \"" + g + "\"}").statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(abandoned.toString()));

        JsonPath job = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(EDITOR)
                .get(JOBS + "/" + abandoned).then().statusCode(200).extract().jsonPath(),
                j -> "succeeded".equals(j.getString("status")));
        assertEquals(2, job.getInt("attempts"));
        online(g, "4", "age").body("results[0].values.'" + g + ":age'.value", equalTo(44));
    }

    @Test
    void badRequestsAreRefusedWithProblems() {
        String g = group("badmat", "");
        materialize("{\"feature_group\": \"no_such_group_" + g + "\"}").statusCode(404)
                .contentType("application/problem+json");
        materialize("{}").statusCode(400).body("errors[0].field", equalTo("feature_group"));
        materialize("{\"feature_group\": \"" + g + "\", \"start_time\": \"yesterday\"}").statusCode(400);
        materialize("""
                {"feature_group": "%s", "start_time": "2026-11-20T00:00:00Z", "end_time": "2026-11-01T00:00:00Z"}
                """.formatted(g)).statusCode(400).body("errors[0].field", equalTo("start_time"));
        String offline = group("offline", ", \"online\": false");
        materialize("{\"feature_group\": \"" + offline + "\"}").statusCode(409)
                .body("detail", containsString("not served online"));
        given().auth().oauth2(EDITOR).get(JOBS + "/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(EDITOR).get(JOBS + "/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(EDITOR).queryParam("status", "done").get(JOBS).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().auth().oauth2(ai.platform.testing.TestTokens.token("reader", "viewer")).contentType(ContentType.JSON)
                .body("{\"feature_group\": \"" + g + "\"}").post("/api/v2/feature-store/materialize").then()
                .statusCode(403);
    }

    @Test
    void jobsAreListedNewestFirstPerGroupAndPaged() {
        String g = group("listed", "");
        ingest(g, row(1, "2026-11-20T10:00:00Z", 1)).statusCode(200);
        String first = run("{\"feature_group\": \"" + g + "\"}").getString("id");
        String second = run("{\"feature_group\": \"" + g + "\", \"end_time\": \"2026-11-21T00:00:00Z\"}")
                .getString("id");
        JsonPath page = given().auth().oauth2(EDITOR).queryParam("feature_group", g).queryParam("page_size", 1)
                .get(JOBS).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(second), page.getList("items.id"));
        given().auth().oauth2(EDITOR).queryParam("feature_group", g).queryParam("page_size", 1)
                .queryParam("page_token", page.getString("next_page_token")).get(JOBS).then().statusCode(200)
                .body("items.id", equalTo(List.of(first))).body("next_page_token", nullValue());
        given().auth().oauth2(EDITOR).queryParam("feature_group", g).queryParam("status", "failed").get(JOBS)
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    private static String row(int user, String time, int age) {
        return "[{\"entity\": {\"user_id\": %d}, \"event_time\": \"%s\", \"values\": {\"age\": %d}}]"
                .formatted(user, time, age);
    }

    private static io.restassured.response.ValidatableResponse materialize(String body) {
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(body)
                .post("/api/v2/feature-store/materialize").then();
    }

    /** Starts a job and waits for it to end. */
    private static JsonPath run(String body) {
        String location = materialize(body).statusCode(202).body("status", equalTo("running"))
                .extract().header("Location");
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> given().auth().oauth2(EDITOR).get(location).then().statusCode(200).extract().jsonPath(),
                job -> List.of("succeeded", "failed").contains(job.getString("status")));
    }

    private static JsonPath lastJob(String group) {
        JsonPath page = given().auth().oauth2(EDITOR).queryParam("feature_group", group).queryParam("page_size", 1)
                .get(JOBS).then().statusCode(200).extract().jsonPath();
        return page.getList("items").isEmpty() ? null : new JsonPath(page.prettify()).setRootPath("items[0]");
    }

    private static io.restassured.response.ValidatableResponse schedule(String group) {
        return given().auth().oauth2(EDITOR).get("/api/v2/feature-store/materialize/schedules/" + group).then();
    }

    private static io.restassured.response.ValidatableResponse scheduleRequest(String group, String body) {
        return given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(body)
                .put("/api/v2/feature-store/materialize/schedules/" + group).then();
    }

    private UUID groupId(String group) {
        return pool.preparedQuery("SELECT id FROM feature_groups WHERE name = $1").execute(Tuple.of(group))
                .await().indefinitely().iterator().next().getUUID(0);
    }

    /** Empties the online store of the group, as a Redis restart without persistence would. */
    private void forgetOnline(String group) {
        UUID id = groupId(group);
        List<String> keys = redis.key(String.class).keys("fs:" + id + ":*");
        if (!keys.isEmpty()) {
            redis.key(String.class).del(keys.toArray(new String[0]));
        }
    }
}

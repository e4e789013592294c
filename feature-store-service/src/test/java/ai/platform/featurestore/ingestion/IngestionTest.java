package ai.platform.featurestore.ingestion;

import static ai.platform.featurestore.FeatureStoreApi.group;
import static ai.platform.featurestore.FeatureStoreApi.ingest;
import static ai.platform.featurestore.FeatureStoreApi.online;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class IngestionTest {

    @Inject
    RedisDataSource redis;

    @Inject
    Pool pool;

    @Test
    void writesOfflineAndOnlineAndServesTheValuesWithTheirTime() {
        String g = group("users", "");
        ingest(g, """
                [{"entity": {"user_id": 42}, "event_time": "2026-11-20T10:00:00Z",
                  "values": {"age": 31, "score": 0.75, "country": "NZ", "emb": [0.1, 0.2, 0.3]}}]
                """).statusCode(200)
                .body("rows", equalTo(1)).body("inserted", equalTo(1)).body("online", equalTo("written"));
        online(g, "42", "age", "score", "emb", "country").statusCode(200)
                .body("results[0].entity.user_id", equalTo("42"))
                .body("results[0].values.'" + g + ":age'.value", equalTo(31))
                .body("results[0].values.'" + g + ":age'.status", equalTo("PRESENT"))
                .body("results[0].values.'" + g + ":age'.event_time", equalTo("2026-11-20T10:00:00Z"))
                .body("results[0].values.'" + g + ":emb'.value[2]", equalTo(0.3f))
                .body("results[0].values.'" + g + ":country'.value", equalTo("NZ"));
    }

    @Test
    void anOlderEventNeverOverwritesANewerOneAndResendingChangesNothing() {
        String g = group("events", "");
        String newer = "[{\"entity\": {\"user_id\": \"7\"}, \"event_time\": \"2026-11-20T12:00:00Z\", "
                + "\"values\": {\"age\": 40}}]";
        ingest(g, newer).statusCode(200).body("inserted", equalTo(1));
        ingest(g, "[{\"entity\": {\"user_id\": 7}, \"event_time\": \"2026-11-20T08:00:00Z\", "
                + "\"values\": {\"age\": 20, \"score\": 1.5}}]").statusCode(200).body("inserted", equalTo(1));
        // The late event's age is older than what is online and is not taken; its score is the only one, and is.
        online(g, "7", "age", "score").statusCode(200)
                .body("results[0].values.'" + g + ":age'.value", equalTo(40))
                .body("results[0].values.'" + g + ":score'.value", equalTo(1.5f))
                .body("results[0].values.'" + g + ":score'.event_time", equalTo("2026-11-20T08:00:00Z"));
        ingest(g, newer).statusCode(200).body("inserted", equalTo(0)).body("duplicates", equalTo(1));
        assertEquals(2L, offlineRows(g));
    }

    @Test
    void aResentRowIsServedAsStoredAndARowTwiceInOneBatchIsRefused() {
        String g = group("resent", "");
        String first = "[{\"entity\": {\"user_id\": 5}, \"event_time\": \"2026-11-20T10:00:00Z\", "
                + "\"values\": {\"age\": 25}}]";
        ingest(g, first).statusCode(200).body("inserted", equalTo(1));
        // The same entity and time with another value: offline keeps the first, and online must agree with it.
        ingest(g, first.replace("25", "99")).statusCode(200)
                .body("inserted", equalTo(0)).body("duplicates", equalTo(1));
        online(g, "5", "age").statusCode(200).body("results[0].values.'" + g + ":age'.value", equalTo(25));
        ingest(g, """
                [{"entity": {"user_id": 6}, "event_time": "2026-11-20T10:00:00Z", "values": {"age": 1}},
                 {"entity": {"user_id": "6"}, "event_time": "2026-11-20T11:00:00+01:00", "values": {"age": 2}}]
                """).statusCode(400).body("errors[0].field", equalTo("rows[1]"))
                .body("errors[0].message", containsString("rows[0]"));
        assertEquals(1L, offlineRows(g));
    }

    @Test
    void manyEntitiesMixingNewerAndOlderFeaturesAreWrittenFeatureByFeature() {
        String g = group("wide", "");
        StringBuilder newer = new StringBuilder("[");
        StringBuilder older = new StringBuilder("[");
        for (int user = 0; user < 100; user++) {
            newer.append(user == 0 ? "" : ",").append("{\"entity\": {\"user_id\": %d}, \"event_time\": "
                    .formatted(user)).append("\"2026-11-20T12:00:00Z\", \"values\": {\"age\": %d}}".formatted(user));
            older.append(user == 0 ? "" : ",").append("{\"entity\": {\"user_id\": %d}, \"event_time\": "
                    .formatted(user)).append("\"2026-11-20T08:00:00Z\", \"values\": {\"age\": -1, \"score\": %d.5}}"
                    .formatted(user));
        }
        ingest(g, newer.append("]").toString()).statusCode(200).body("online", equalTo("written"));
        // Redis forgets its scripts (a restart, a failover): the store loads the script again and carries on.
        redis.execute("SCRIPT", "FLUSH");
        ingest(g, older.append("]").toString()).statusCode(200).body("online", equalTo("written"));
        for (int user : new int[] {0, 31, 32, 33, 99}) {
            online(g, String.valueOf(user), "age", "score").statusCode(200)
                    .body("results[0].values.'" + g + ":age'.value", equalTo(user))
                    .body("results[0].values.'" + g + ":score'.value", equalTo(user + 0.5f));
        }
    }

    @Test
    void refusesTheWholeBatchListingEveryBadRowAndWritesNothing() {
        String g = group("strict", "");
        ingest(g, """
                [{"entity": {"user_id": 1}, "event_time": "2026-11-20T10:00:00Z", "values": {"age": 30}},
                 {"entity": {"user_id": 2}, "event_time": "2026-11-20T10:00:00Z",
                  "values": {"age": "thirty", "score": true, "emb": [1, "x"], "unknown": 1}},
                 {"entity": {"account": 3}, "event_time": "yesterday", "values": {"age": 3000000000}},
                 {"entity": {"user_id": 4.5}, "event_time": "2026-11-20T10:00:00Z", "values": {}}]
                """).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("rows[1].values.age"))
                .body("errors.field", hasItem("rows[1].values.score"))
                .body("errors.field", hasItem("rows[1].values.emb"))
                .body("errors.field", hasItem("rows[1].values.unknown"))
                .body("errors.field", hasItem("rows[2].entity.user_id"))
                .body("errors.field", hasItem("rows[2].entity.account"))
                .body("errors.field", hasItem("rows[2].event_time"))
                .body("errors.field", hasItem("rows[2].values.age"))
                .body("errors.field", hasItem("rows[3].entity.user_id"))
                .body("errors.field", hasItem("rows[3].values"))
                .body("errors.find { it.field == 'rows[1].values.age' }.message", containsString("int32"));
        assertEquals(0L, offlineRows(g));
        online(g, "1", "age").statusCode(200)
                .body("results[0].values.'" + g + ":age'.status", equalTo("NOT_FOUND"));
        ingest("no_such_group_" + g, "[]").statusCode(404);
        ingest(g, "[]").statusCode(400).body("errors[0].field", equalTo("rows"));
    }

    @Test
    void whenRedisIsDownTheOfflineWriteStillSucceedsAndTheOnlineOneIsPending() {
        String g = group("resilient", "");
        redis.execute("CONFIG", "SET", "maxmemory-policy", "noeviction");
        redis.execute("CONFIG", "SET", "maxmemory", "1");
        try {
            ingest(g, "[{\"entity\": {\"user_id\": 9}, \"event_time\": \"2026-11-20T10:00:00Z\", "
                    + "\"values\": {\"age\": 50}}]")
                    .statusCode(200)
                    .body("inserted", equalTo(1))
                    .body("online", equalTo("pending"))
                    .body("online_error", containsString("online store"));
        } finally {
            redis.execute("CONFIG", "SET", "maxmemory", "0");
        }
        assertEquals(1L, offlineRows(g));
    }

    @Test
    void whenRedisStopsAnsweringIngestIsPendingAndReadsUnavailableWithinTheTimeout() {
        String g = group("paused", "");
        // Redis queues every client's commands for 2.5 s; the test profile waits 1 s for the online store.
        redis.execute("CLIENT", "PAUSE", "2500");
        long started = System.nanoTime();
        ingest(g, "[{\"entity\": {\"user_id\": 5}, \"event_time\": \"2026-11-20T10:00:00Z\", "
                + "\"values\": {\"age\": 7}}]")
                .statusCode(200)
                .body("inserted", equalTo(1))
                .body("online", equalTo("pending"))
                .body("online_error", containsString("did not answer"));
        online(g, "5", "age").statusCode(503).contentType("application/problem+json");
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMillis < 2400, "answered while Redis was still paused, after " + waitedMillis + " ms");
        assertEquals(1L, offlineRows(g));
        // Once Redis answers again the row is served (the late write, or the catch-up materialization).
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> online(g, "5", "age").statusCode(200)
                .body("results[0].values.'" + g + ":age'.value", equalTo(7)));
    }

    private long offlineRows(String group) {
        return pool.preparedQuery("SELECT count(*) FROM feature_rows r JOIN feature_groups g"
                        + " ON g.id = r.feature_group_id WHERE g.name = $1")
                .execute(Tuple.of(group)).await().indefinitely().iterator().next().getLong(0);
    }
}

package ai.platform.registry.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.registry.LineageStandIn;
import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The relay's bookkeeping of the outbox rows themselves, read straight from the registry's schema. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
@QuarkusTestResource(LineageStandIn.class)
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    /** A valid run event of its own job, as the registry writes them. */
    static JsonObject runEvent(String job) {
        return new JsonObject().put("eventType", "COMPLETE")
                .put("eventTime", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("producer", "outbox-relay-test")
                .put("run", new JsonObject().put("runId", UUID.randomUUID().toString()))
                .put("job", new JsonObject().put("namespace", "model-registry").put("name", job))
                .put("inputs", new JsonArray()).put("outputs", new JsonArray());
    }

    long enqueue(JsonObject event, int attempts) {
        return pool.preparedQuery("INSERT INTO lineage_outbox (event, attempts) VALUES ($1, $2) RETURNING id")
                .execute(Tuple.of(event, attempts)).await().atMost(WAIT).iterator().next().getLong("id");
    }

    Row row(long id) {
        return pool.preparedQuery("SELECT attempts, response_code, last_error, delivered_at,"
                        + " next_attempt_at = 'infinity' AS given_up, "
                        + " CASE WHEN next_attempt_at <> 'infinity'"
                        + "   THEN EXTRACT(EPOCH FROM next_attempt_at - now())::int END AS wait_seconds"
                        + " FROM lineage_outbox WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next();
    }

    /** Waits (polling, with a deadline) until the row's attempts reach {@code attempts}. */
    Row awaitAttempts(long id, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (row(id).getInteger("attempts") < attempts) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Message " + id + " has " + row(id).getInteger("attempts") + " attempts, not "
                        + attempts + ", after " + WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return row(id);
    }

    @Test
    void anEventLineageRefusesIsGivenUpOnAndDoesNotHoldBackTheEventsBatchedWithIt() throws Exception {
        String prefix = "refused-batch-" + UUID.randomUUID() + "-";
        JsonArray events = new JsonArray();
        for (int i = 0; i < 5; i++) {
            events.add(runEvent(prefix + i));
        }
        // Not valid OpenLineage: the lineage service refuses any batch holding it with 400.
        events.getJsonObject(2).remove("producer");
        // One statement: one transaction, so the relay claims the five together, in one batch.
        List<Long> ids = new ArrayList<>();
        pool.preparedQuery("INSERT INTO lineage_outbox (event) SELECT e FROM jsonb_array_elements($1::jsonb) WITH"
                        + " ORDINALITY AS x(e, n) ORDER BY n RETURNING id")
                .execute(Tuple.of(events)).await().atMost(WAIT).forEach(row -> ids.add(row.getLong("id")));
        Collections.sort(ids);

        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> jobs = List.of(prefix + 0, prefix + 1, prefix + 3, prefix + 4);
        while (!received(prefix).containsAll(jobs)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Received only " + received(prefix) + " of " + jobs);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        // Each accepted once, in the order they were written.
        assertEquals(jobs, received(prefix));
        Row refused = awaitAttempts(ids.get(2), 1);
        assertTrue(refused.getBoolean("given_up"));
        assertEquals(400, refused.getInteger("response_code"));
        assertTrue(refused.getString("last_error").startsWith("HTTP 400"), refused.getString("last_error"));
        assertEquals(null, refused.getOffsetDateTime("delivered_at"));
        for (long delivered : List.of(ids.get(0), ids.get(1), ids.get(3), ids.get(4))) {
            assertTrue(row(delivered).getOffsetDateTime("delivered_at") != null, "message " + delivered);
        }
    }

    /** The jobs of the run events the lineage service accepted whose job names start with {@code prefix}. */
    private static List<String> received(String prefix) {
        return LineageStandIn.RECEIVED.stream().filter(event -> event.containsKey("job"))
                .map(event -> event.getJsonObject("job").getString("name")).filter(job -> job.startsWith(prefix))
                .toList();
    }

    @Test
    void aMessageFailingForHoursStillHasItsAttemptRecordedAndWaitsTheLongestBackoff() throws Exception {
        String job = "unavailable-" + UUID.randomUUID();
        LineageStandIn.UNAVAILABLE_JOBS.add(job);
        // 50 attempts: lineage down for hours. 2^50 seconds is out of PostgreSQL's interval range.
        long id = enqueue(runEvent(job), 50);
        try {
            Row retried = awaitAttempts(id, 51);
            assertEquals(503, retried.getInteger("response_code"));
            assertTrue(retried.getString("last_error").contains("503"), retried.getString("last_error"));
            // The lineage courier's longest backoff: five minutes.
            int waitSeconds = retried.getInteger("wait_seconds");
            assertTrue(waitSeconds > 240 && waitSeconds <= 300, "next attempt in " + waitSeconds + " s");
        } finally {
            pool.preparedQuery("DELETE FROM lineage_outbox WHERE id = $1").execute(Tuple.of(id)).await().atMost(WAIT);
            LineageStandIn.UNAVAILABLE_JOBS.remove(job);
        }
    }
}

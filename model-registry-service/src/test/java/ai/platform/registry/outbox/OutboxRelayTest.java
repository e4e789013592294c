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

package ai.platform.lineage.openlineage;

import static ai.platform.lineage.LineageApi.EDITOR;
import static ai.platform.lineage.LineageApi.scope;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.testing.ServiceTestResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single-event requests sent at once are written in groups (group commit), and each is answered after its own
 * event is stored. Whether requests meet in a group depends on timing, so each test sends rounds of concurrent
 * requests until the metrics show what it is about happened (grouping, a split), checking every round's answers.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class GroupCommitTest {

    static final String ENDPOINT = "/api/v2/lineage/openlineage";
    private static final int CLIENTS = 16;
    private static final int ROUNDS = 10;

    @Inject
    MeterRegistry metrics;

    @Inject
    Pool pool;

    private ExecutorService clients;

    @BeforeEach
    void startClients() {
        clients = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    static String event(String runId, String s, String outputName, String description) {
        return """
                {"eventType": "COMPLETE", "eventTime": "2026-11-24T07:00:00Z", "producer": "https://example.com/group",
                 "run": {"runId": "%s"}, "job": {"namespace": "group-%s", "name": "load"},
                 "inputs": [{"namespace": "group-%s", "name": "source"}],
                 "outputs": [{"namespace": "group-%s", "name": "%s",
                              "facets": {"documentation": {"description": "%s"}}}]}
                """.formatted(runId, s, s, s, outputName, description);
    }

    static List<Response> sendAll(ExecutorService clients, List<String> bodies) throws Exception {
        List<Future<Response>> sent = new ArrayList<>();
        for (String body : bodies) {
            sent.add(clients.submit(() -> given().auth().oauth2(EDITOR).contentType(ContentType.JSON).body(body)
                    .when().post(ENDPOINT).andReturn()));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : sent) {
            answers.add(answer.get());
        }
        return answers;
    }

    // The meters appear with the group committer, on the first single event: none yet counts as zero.
    private double groupedEvents() {
        DistributionSummary summary = metrics.find("lineage.openlineage.group.events").summary();
        return summary == null ? 0 : summary.totalAmount();
    }

    private long groups() {
        DistributionSummary summary = metrics.find("lineage.openlineage.group.events").summary();
        return summary == null ? 0 : summary.count();
    }

    private double splits() {
        Counter counter = metrics.find("lineage.openlineage.group.splits").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void concurrentSingleEventsAreWrittenInGroupsAndAllLand() throws Exception {
        boolean grouped = false;
        for (int round = 0; round < ROUNDS && !grouped; round++) {
            String s = scope();
            List<String> runIds = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 3 * CLIENTS; i++) {
                String runId = UUID.randomUUID().toString();
                runIds.add(runId);
                bodies.add(event(runId, s, "out-" + i, "output " + i));
            }
            double eventsBefore = groupedEvents();
            long groupsBefore = groups();

            List<Response> answers = sendAll(clients, bodies);

            for (Response answer : answers) {
                // Each answer is about its own event: the job, the run, the input and its own output; three edges.
                answer.then().statusCode(201).body("events", equalTo(1)).body("nodes", equalTo(4))
                        .body("edges_created", equalTo(3));
            }
            // Answered means stored: every run and its output are there as soon as its answer is.
            for (int i = 0; i < runIds.size(); i++) {
                given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + runIds.get(i))
                        .then().statusCode(200).body("status", equalTo("completed"))
                        .body("outputs[0].node_id", equalTo("group-" + s + "/out-" + i));
            }
            // Every event went through a group, and fewer groups than events means some held several.
            double events = groupedEvents() - eventsBefore;
            long groups = groups() - groupsBefore;
            assertEquals(bodies.size(), events, 0.0);
            grouped = groups < events;
        }
        assertTrue(grouped, "no two of " + CLIENTS + " concurrent clients' events were written in one group");
    }

    @Test
    void anEventTheDatabaseRefusesFailsAloneAmongConcurrentGoodOnes() throws Exception {
        boolean split = false;
        for (int round = 0; round < ROUNDS && !split; round++) {
            String s = scope();
            List<String> runIds = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            String poisonedRun = UUID.randomUUID().toString();
            for (int i = 0; i < 2 * CLIENTS; i++) {
                String runId = UUID.randomUUID().toString();
                runIds.add(runId);
                bodies.add(event(runId, s, "out-" + i, "fine"));
                if (i == CLIENTS) {
                    // Valid OpenLineage, but PostgreSQL's JSONB cannot hold a NUL character: only the database
                    // finds out, when the group holding it is written.
                    bodies.add(event(poisonedRun, s, "poisoned", "bad \\u0000 byte"));
                }
            }
            double splitsBefore = splits();

            List<Response> answers = sendAll(clients, bodies);

            Response poisoned = answers.remove(CLIENTS + 1);
            poisoned.then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("detail", containsString("cannot be stored"));
            for (Response answer : answers) {
                answer.then().statusCode(201).body("events", equalTo(1)).body("edges_created", equalTo(3));
            }
            for (String runId : runIds) {
                given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + runId)
                        .then().statusCode(200).body("status", equalTo("completed"));
            }
            given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + poisonedRun).then().statusCode(404);
            split = splits() > splitsBefore;
        }
        assertTrue(split, "the poisoned event never shared a group with good ones");
    }

    @Test
    void aGroupedEventWhoseEdgeWouldCloseACycleIsStoredAndNamesTheCycle() throws Exception {
        // The cycle is named inside the group's transaction: nothing after COMMIT can turn the stored group into
        // an error answer (which clients would resend).
        boolean grouped = false;
        for (int round = 0; round < ROUNDS && !grouped; round++) {
            String s = scope();
            List<String> runIds = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 2 * CLIENTS; i++) {
                String runId = UUID.randomUUID().toString();
                runIds.add(runId);
                // Every fourth run rewrites its own input table: input -> run is stored, run -> input is skipped.
                bodies.add(i % 4 == 0 ? event(runId, s, "source", "rewritten " + i)
                        : event(runId, s, "out-" + i, "output " + i));
            }
            double eventsBefore = groupedEvents();
            long groupsBefore = groups();

            List<Response> answers = sendAll(clients, bodies);

            for (int i = 0; i < answers.size(); i++) {
                if (i % 4 == 0) {
                    answers.get(i).then().statusCode(201).body("skipped_edges", hasSize(1))
                            .body("skipped_edges[0].cycle", equalTo("run:" + runIds.get(i) + " -> dataset:group-"
                                    + s + "/source -> run:" + runIds.get(i)));
                } else {
                    answers.get(i).then().statusCode(201).body("skipped_edges", hasSize(0))
                            .body("edges_created", equalTo(3));
                }
                given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + runIds.get(i))
                        .then().statusCode(200).body("status", equalTo("completed"));
            }
            grouped = groups() - groupsBefore < groupedEvents() - eventsBefore;
        }
        assertTrue(grouped, "no two of " + CLIENTS + " concurrent clients' events were written in one group");
    }

    @Test
    void aUniqueKeyClashLeftWithOneEventIsA503ToRetryAndNothingOfItsTransactionStays() throws Exception {
        // No event can break an integrity constraint today (self-loops and cycles are skipped edges, upserts merge),
        // so a trigger raises one, as a clash with a row stored by another writer would, for runs of one job only.
        String refusedJob = "integrity-" + scope();
        sql("CREATE OR REPLACE FUNCTION refuse_run() RETURNS trigger LANGUAGE plpgsql AS"
                + " 'BEGIN RAISE unique_violation USING MESSAGE = ''run '' || NEW.run_id || '' clashes''; END'");
        sql("CREATE TRIGGER " + refusedJob.replace('-', '_') + " BEFORE INSERT ON execution_runs FOR EACH ROW"
                + " WHEN (NEW.job LIKE '" + refusedJob + "/%') EXECUTE FUNCTION refuse_run()");
        try {
            boolean split = false;
            for (int round = 0; round < ROUNDS && !split; round++) {
                String s = scope();
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < 2 * CLIENTS; i++) {
                    bodies.add(event(UUID.randomUUID().toString(), s, "out-" + i, "fine"));
                }
                String refusedRun = UUID.randomUUID().toString();
                String job = "\"name\": \"load\"";
                bodies.add(CLIENTS, event(refusedRun, s, "refused", "fine")
                        .replace("group-" + s + "\", " + job, refusedJob + "\", " + job));
                double splitsBefore = splits();

                List<Response> answers = sendAll(clients, bodies);

                // A clash with a concurrent writer: a retry would find its rows stored and merge (a 4xx would make
                // outbox clients give the event up).
                answers.remove(CLIENTS).then().statusCode(503).contentType("application/problem+json")
                        .body("status", equalTo(503)).body("detail", containsString("send it again"));
                for (Response answer : answers) {
                    answer.then().statusCode(201).body("edges_created", equalTo(3));
                }
                // The run record and the edges share one transaction: neither stayed.
                given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + refusedRun).then().statusCode(404);
                given().auth().oauth2(EDITOR).queryParam("node_id", "group-" + s + "/refused")
                        .queryParam("direction", "upstream").when().get("/api/v2/lineage/dataset")
                        .then().statusCode(200).body("edges", hasSize(0));
                split = splits() > splitsBefore;
            }
            assertTrue(split, "the refused event never shared a group with good ones");
        } finally {
            sql("DROP TRIGGER " + refusedJob.replace('-', '_') + " ON execution_runs");
            sql("DROP FUNCTION refuse_run()");
        }
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void anInvalidSingleEventIsRefusedBeforeItJoinsAGroup() {
        long groupsBefore = groups();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("""
                        {"eventType": "COMPLETE", "eventTime": "2026-11-24T07:00:00Z", "producer": "p",
                         "run": {"runId": "not-a-uuid"}, "job": {"namespace": "group", "name": "load"}}
                        """)
                .when().post(ENDPOINT)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("run.runId"));
        assertEquals(groupsBefore, groups());
    }

    @Test
    void aBatchHoldingAValueTheDatabaseRefusesIsA400() {
        String s = scope();
        given().auth().oauth2(EDITOR).contentType(ContentType.JSON)
                .body("[" + event(UUID.randomUUID().toString(), s, "a", "fine") + ","
                        + event(UUID.randomUUID().toString(), s, "b", "nul \\u0000 here") + "]")
                .when().post(ENDPOINT)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("cannot be stored"));
    }
}

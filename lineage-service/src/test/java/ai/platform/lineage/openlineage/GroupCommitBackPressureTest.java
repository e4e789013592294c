package ai.platform.lineage.openlineage;

import static ai.platform.lineage.LineageApi.EDITOR;
import static ai.platform.lineage.LineageApi.scope;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** With a queue of one request and one group in flight, concurrent single events overflow it: 503, not a wait. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
@TestProfile(GroupCommitBackPressureTest.TinyQueue.class)
class GroupCommitBackPressureTest {

    public static class TinyQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lineage.openlineage.queue-capacity", "1", "lineage.openlineage.groups-in-flight", "1");
        }
    }

    @Test
    void aFullQueueRefusesWith503AndKeepsTheRest() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            boolean refused = false;
            for (int round = 0; round < 10 && !refused; round++) {
                String s = scope();
                List<String> runIds = new ArrayList<>();
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    runIds.add(UUID.randomUUID().toString());
                    bodies.add(GroupCommitTest.event(runIds.get(i), s, "out-" + i, "fine"));
                }
                List<Response> answers = GroupCommitTest.sendAll(clients, bodies);
                for (int i = 0; i < answers.size(); i++) {
                    Response answer = answers.get(i);
                    if (answer.statusCode() == 503) {
                        refused = true;
                        answer.then().contentType("application/problem+json")
                                .body("type", equalTo("urn:ai-platform:problem:unavailable"))
                                .body("detail", containsString("retry"));
                        // Refused means not written.
                        given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + runIds.get(i))
                                .then().statusCode(404);
                    } else if (answer.statusCode() == 201) {
                        given().auth().oauth2(EDITOR).when().get("/api/v2/lineage/runs/" + runIds.get(i))
                                .then().statusCode(200).body("status", equalTo("completed"));
                    } else {
                        fail("unexpected answer " + answer.statusCode() + ": " + answer.asString());
                    }
                }
            }
            assertTrue(refused, "32 concurrent single events never overflowed a queue of one");
        } finally {
            clients.shutdownNow();
        }
    }
}

package ai.platform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gateway with two event loops: each loop forwards on service connections of its own. */
@QuarkusTest
@QuarkusTestResource(UpstreamServers.class)
@TestProfile(GatewayEventLoopsTest.TwoEventLoops.class)
class GatewayEventLoopsTest {

    public static class TwoEventLoops implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.vertx.event-loops-pool-size", "2");
        }
    }

    @Inject
    Vertx vertx;

    @Test
    void eachEventLoopForwardsOnServiceConnectionsOfItsOwn() throws Exception {
        // Two client connections, accepted in turn by the gateway's two event loops.
        List<HttpClient> clients = List.of(oneConnection(), oneConnection());
        try {
            List<Set<Integer>> serviceConnections = List.of(new HashSet<>(), new HashSet<>());
            // One request at a time, alternating: with a client shared by the loops, each request would borrow
            // the connection the previous one (from the other loop) had just given back.
            for (int i = 0; i < 10; i++) {
                for (int c = 0; c < 2; c++) {
                    serviceConnections.get(c).add(peerPort(clients.get(c)));
                }
            }
            assertEquals(1, serviceConnections.get(0).size(), "one loop's requests, one service connection");
            assertEquals(1, serviceConnections.get(1).size(), "one loop's requests, one service connection");
            assertNotEquals(serviceConnections.get(0), serviceConnections.get(1),
                    "the loops do not share service connections");
        } finally {
            clients.forEach(HttpClient::close);
        }
    }

    private HttpClient oneConnection() {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(1));
    }

    private static int peerPort(HttpClient client) throws Exception {
        String token = TestTokens.token("loops", "editor");
        return client.request(HttpMethod.GET, RestAssured.port, "localhost", "/api/v2/lineage/dataset/d1")
                .compose(request -> request.putHeader("Authorization", "Bearer " + token).send())
                .compose(response -> response.body().map(Buffer::toJsonObject))
                .map(echo -> echo.getInteger("peer_port"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

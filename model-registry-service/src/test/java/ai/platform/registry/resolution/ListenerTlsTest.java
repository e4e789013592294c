package ai.platform.registry.resolution;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The datasource's TLS given in keys of its own, not in the URL, as a deployment sets them: the listening connection
 * takes them as the pool does, and every test of the cache holds over it.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
@TestProfile(ListenerTlsTest.TlsOutsideTheUrl.class)
class ListenerTlsTest extends ResolutionCacheTest {

    public static class TlsOutsideTheUrl implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.postgresql.ssl-mode", "require",
                    "quarkus.datasource.reactive.trust-all", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TlsPostgres.class));
        }
    }

    /** Whether the connection {@code pid} is encrypted. */
    private boolean encrypted(int pid) {
        RowSet<Row> rows = sql("SELECT ssl FROM pg_stat_ssl WHERE pid = $1", Tuple.of(pid));
        return rows.size() == 1 && rows.iterator().next().getBoolean("ssl");
    }

    @Test
    void theListeningConnectionIsEncryptedAsThePoolsAre() {
        int pool = sql("SELECT pg_backend_pid() AS pid", Tuple.tuple()).iterator().next().getInteger("pid");
        assertTrue(encrypted(pool), "ssl-mode=require reached the pool");
        int listener = await().atMost(Duration.ofSeconds(10)).until(this::listenerPid, Optional::isPresent)
                .orElseThrow();
        assertTrue(encrypted(listener), "and the listening connection");
    }
}

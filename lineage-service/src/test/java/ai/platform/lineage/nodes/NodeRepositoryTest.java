package ai.platform.lineage.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.lineage.LineageApi;
import ai.platform.lineage.nodes.NodeRepository.NodeSpec;
import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ids-only upsert OpenLineage ingestion uses writes what the whole-node upsert writes, and answers its ids. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class NodeRepositoryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    NodeRepository nodes;

    @Inject
    Pool pool;

    @Test
    void upsertIdsAnswersTheStoredIdsOfNewChangedAndUnchangedNodes() {
        String s = LineageApi.scope();
        NodeRef unchanged = new NodeRef("dataset", s + "-unchanged");
        NodeRef changed = new NodeRef("dataset", s + "-changed");
        NodeRef fresh = new NodeRef("job", s + "-fresh");
        Map<NodeRef, NodeRepository.Upserted> before = nodes.upsertAll(List.of(
                new NodeSpec(unchanged, "u", Map.of("a", 1)),
                new NodeSpec(changed, "c", Map.of("a", 1)))).await().atMost(WAIT);

        Map<NodeRef, UUID> ids = pool.withConnection(connection -> nodes.upsertIds(connection, List.of(
                new NodeSpec(unchanged, "u", Map.of("a", 1)),
                new NodeSpec(changed, null, Map.of("b", 2)),
                new NodeSpec(fresh, "f", null),
                // the same node twice in one call is merged first
                new NodeSpec(fresh, null, Map.of("c", 3))))).await().atMost(WAIT);

        assertEquals(3, ids.size());
        assertEquals(before.get(unchanged).node().id(), ids.get(unchanged));
        assertEquals(before.get(changed).node().id(), ids.get(changed));
        Map<NodeRef, NodeRepository.Upserted> after = nodes.upsertAll(List.of(
                new NodeSpec(changed, null, null), new NodeSpec(fresh, null, null))).await().atMost(WAIT);
        assertEquals(ids.get(fresh), after.get(fresh).node().id());
        assertEquals("f", after.get(fresh).node().name());
        assertEquals("{\"c\": 3}", after.get(fresh).node().metadata());
        assertEquals("c", after.get(changed).node().name());
        assertEquals("{\"a\": 1, \"b\": 2}", after.get(changed).node().metadata());
    }
}

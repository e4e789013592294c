package ai.platform.lineage.visualization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.lineage.edges.Edge;
import ai.platform.lineage.graph.Direction;
import ai.platform.lineage.graph.Subgraph;
import ai.platform.lineage.nodes.Node;
import ai.platform.testing.ServiceTestResources;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The streaming encoder writes what the object mapping would, byte for byte, including its nulls and times. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResources.class)
class SubgraphJsonTest {

    @Inject
    SubgraphJson encoder;

    @Inject
    ObjectMapper mapper;

    @Test
    void writesTheSameJsonAsTheObjectMapping() throws Exception {
        OffsetDateTime created = OffsetDateTime.of(2026, 11, 25, 9, 30, 0, 123_456_000, ZoneOffset.UTC);
        OffsetDateTime later = created.plusSeconds(61).withNano(0);
        Node root = new Node(UUID.randomUUID(), "dataset", "s3://lake/orders", "orders",
                "{\"schema\": {\"fields\": [{\"name\": \"id\", \"type\": \"long\"}]},"
                        + " \"note\": \"caf\u00e9 \\\"q\\\"\"}",
                created);
        Node run = new Node(UUID.randomUUID(), "run", UUID.randomUUID().toString(), null, "{}", created);
        Node out = new Node(UUID.randomUUID(), "dataset", "lake/out \u2192 \"x\"", "out", "{\"n\": 1.5e3}", later);
        Edge in = new Edge(UUID.randomUUID(), root.id(), run.id(), "data_flow", "{}", null, created, null);
        Edge gone = new Edge(UUID.randomUUID(), run.id(), out.id(), "data_flow", "{\"rows\": 12}", "svc-ingest",
                later, later.plusHours(1));
        List<Subgraph.Placed> nodes = List.of(new Subgraph.Placed(root, 0), new Subgraph.Placed(run, 1),
                new Subgraph.Placed(out, 2));

        for (OffsetDateTime asOf : new OffsetDateTime[] {null, later.plusMinutes(5)}) {
            Subgraph graph = new Subgraph(List.of(root), Direction.DOWNSTREAM, 3, 1000, asOf, nodes,
                    List.of(in, gone), asOf != null);
            assertEquals(mapper.writeValueAsString(graph), encoder.encode(graph).toString());
        }
    }
}

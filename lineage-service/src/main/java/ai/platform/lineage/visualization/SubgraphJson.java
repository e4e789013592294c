package ai.platform.lineage.visualization;

import ai.platform.lineage.edges.Edge;
import ai.platform.lineage.graph.Subgraph;
import ai.platform.lineage.nodes.Node;
import ai.platform.support.json.StreamedJson;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes a {@link Subgraph} with Jackson's streaming generator instead of its object mapping, straight into the
 * buffer the HTTP layer sends; the JSON is the mapping's, byte for byte. A lineage query answers up to thousands of
 * nodes and edges (1,000 and 1,000: about 450 KB), and measured with a profiler (bench/lineage.sh), the mapping
 * spent most of its time formatting timestamps, then on the network flush after every 8 KB of output, then on
 * reflective record access. Rows written together share their creation time and edges repeat the nodes' ids, so
 * each distinct time and node id is encoded once per answer.
 */
@ApplicationScoped
public class SubgraphJson {

    /** About what a node or an edge takes without metadata. */
    private static final int BYTES_PER_ELEMENT = 240;
    private static final SerializableString ROOTS = new SerializedString("roots");
    private static final SerializableString DIRECTION = new SerializedString("direction");
    private static final SerializableString DEPTH = new SerializedString("depth");
    private static final SerializableString NODE_LIMIT = new SerializedString("node_limit");
    private static final SerializableString AS_OF = new SerializedString("as_of");
    private static final SerializableString NODES = new SerializedString("nodes");
    private static final SerializableString EDGES = new SerializedString("edges");
    private static final SerializableString TRUNCATED = new SerializedString("truncated");
    private static final SerializableString NODE = new SerializedString("node");
    private static final SerializableString DISTANCE = new SerializedString("distance");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString NODE_TYPE = new SerializedString("node_type");
    private static final SerializableString NODE_ID = new SerializedString("node_id");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString METADATA = new SerializedString("metadata");
    private static final SerializableString CREATED_AT = new SerializedString("created_at");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString TARGET = new SerializedString("target");
    private static final SerializableString EDGE_TYPE = new SerializedString("edge_type");
    private static final SerializableString CREATED_BY = new SerializedString("created_by");
    private static final SerializableString DELETED_AT = new SerializedString("deleted_at");

    private final ObjectMapper mapper;

    public SubgraphJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Buffer encode(Subgraph graph) {
        long estimate = (long) (graph.nodes().size() + graph.edges().size() + 1) * BYTES_PER_ELEMENT;
        return StreamedJson.write(mapper, estimate, json -> new Answer(json).write(graph));
    }

    /** One answer's encoder, with its caches of encoded times and ids. */
    private final class Answer {
        private final JsonGenerator json;
        private final Map<OffsetDateTime, SerializableString> times = new HashMap<>();
        private final Map<UUID, SerializableString> ids = new HashMap<>();

        Answer(JsonGenerator json) {
            this.json = json;
        }

        void write(Subgraph graph) throws IOException {
            json.writeStartObject();
            json.writeFieldName(ROOTS);
            json.writeStartArray();
            for (Node root : graph.roots()) {
                node(root);
            }
            json.writeEndArray();
            json.writeFieldName(DIRECTION);
            json.writeString(graph.direction().toString());
            json.writeFieldName(DEPTH);
            json.writeNumber(graph.depth());
            json.writeFieldName(NODE_LIMIT);
            json.writeNumber(graph.nodeLimit());
            json.writeFieldName(AS_OF);
            time(graph.asOf());
            json.writeFieldName(NODES);
            json.writeStartArray();
            for (Subgraph.Placed placed : graph.nodes()) {
                json.writeStartObject();
                json.writeFieldName(NODE);
                node(placed.node());
                json.writeFieldName(DISTANCE);
                json.writeNumber(placed.distance());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeFieldName(EDGES);
            edges(graph.edges());
            json.writeFieldName(TRUNCATED);
            json.writeBoolean(graph.truncated());
            json.writeEndObject();
        }

        private void node(Node node) throws IOException {
            json.writeStartObject();
            json.writeFieldName(ID);
            id(node.id());
            json.writeFieldName(NODE_TYPE);
            json.writeString(node.nodeType());
            json.writeFieldName(NODE_ID);
            json.writeString(node.nodeId());
            json.writeFieldName(NAME);
            json.writeString(node.name());
            json.writeFieldName(METADATA);
            json.writeRawValue(node.metadata());
            json.writeFieldName(CREATED_AT);
            time(node.createdAt());
            json.writeEndObject();
        }

        private void edges(List<Edge> edges) throws IOException {
            json.writeStartArray();
            for (Edge edge : edges) {
                json.writeStartObject();
                json.writeFieldName(ID);
                json.writeString(edge.id().toString());
                json.writeFieldName(SOURCE);
                id(edge.source());
                json.writeFieldName(TARGET);
                id(edge.target());
                json.writeFieldName(EDGE_TYPE);
                json.writeString(edge.edgeType());
                json.writeFieldName(METADATA);
                json.writeRawValue(edge.metadata());
                json.writeFieldName(CREATED_BY);
                json.writeString(edge.createdBy());
                json.writeFieldName(CREATED_AT);
                time(edge.createdAt());
                json.writeFieldName(DELETED_AT);
                time(edge.deletedAt());
                json.writeEndObject();
            }
            json.writeEndArray();
        }

        private void id(UUID id) throws IOException {
            json.writeString(ids.computeIfAbsent(id, i -> new SerializedString(i.toString())));
        }

        /** As the mapping writes it (its format, its time zone), once per distinct time. */
        private void time(OffsetDateTime time) throws IOException {
            if (time == null) {
                json.writeNull();
                return;
            }
            SerializableString text = times.get(time);
            if (text == null) {
                text = new SerializedString(mapper.writeValueAsString(time));
                times.put(time, text);
            }
            json.writeRawValue(text);
        }
    }
}

package ai.platform.lineage.visualization;

import ai.platform.lineage.edges.Edge;
import ai.platform.lineage.graph.Subgraph;
import ai.platform.lineage.nodes.Node;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a subgraph in the format asked: JSON for programs ({@link SubgraphJson}), or drawn for people: Graphviz
 * DOT, Mermaid, or the elements Cytoscape.js (and others) take as they are.
 */
@ApplicationScoped
public class GraphRenderer {

    private final SubgraphJson json;

    public GraphRenderer(SubgraphJson json) {
        this.json = json;
    }

    public Response render(Subgraph graph, GraphFormat format) {
        Object body = switch (format) {
            case JSON -> json.encode(graph);
            case DOT -> dot(graph);
            case MERMAID -> mermaid(graph);
            case CYTOSCAPE -> cytoscape(graph);
        };
        return Response.ok(body, format.mediaType()).build();
    }

    static String dot(Subgraph graph) {
        StringBuilder out = new StringBuilder("digraph lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (Subgraph.Placed placed : graph.nodes()) {
            Node node = placed.node();
            out.append("  \"").append(node.id()).append("\" [label=\"").append(dotEscape(label(node)))
                    .append("\", shape=").append(dotShape(node.nodeType()))
                    .append(placed.distance() == 0 ? ", style=bold" : "").append("];\n");
        }
        for (Edge edge : graph.edges()) {
            out.append("  \"").append(edge.source()).append("\" -> \"").append(edge.target()).append('"')
                    .append("execution_flow".equals(edge.edgeType()) ? " [style=dashed]" : "").append(";\n");
        }
        return out.append("}\n").toString();
    }

    static String mermaid(Subgraph graph) {
        Map<UUID, String> ids = new HashMap<>();
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (Subgraph.Placed placed : graph.nodes()) {
            Node node = placed.node();
            String id = "n" + ids.size();
            ids.put(node.id(), id);
            String text = "\"" + label(node).replace("\"", "#quot;") + "\"";
            out.append("  ").append(id).append(switch (node.nodeType()) {
                case "dataset", "feature_group" -> "[(" + text + ")]";
                case "run" -> "([" + text + "])";
                case "job", "notebook" -> "[[" + text + "]]";
                case "model", "model_version" -> "{{" + text + "}}";
                default -> "[" + text + "]";
            }).append('\n');
        }
        for (Edge edge : graph.edges()) {
            out.append("  ").append(ids.get(edge.source()))
                    .append("execution_flow".equals(edge.edgeType()) ? " -.-> " : " --> ")
                    .append(ids.get(edge.target())).append('\n');
        }
        return out.toString();
    }

    static Map<String, Object> cytoscape(Subgraph graph) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Subgraph.Placed placed : graph.nodes()) {
            Node node = placed.node();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", node.id().toString());
            data.put("label", label(node));
            data.put("node_type", node.nodeType());
            data.put("node_id", node.nodeId());
            data.put("distance", placed.distance());
            nodes.add(Map.of("data", data));
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Edge edge : graph.edges()) {
            edges.add(Map.of("data", Map.of("id", edge.id().toString(), "source", edge.source().toString(),
                    "target", edge.target().toString(), "edge_type", edge.edgeType())));
        }
        return Map.of("elements", Map.of("nodes", nodes, "edges", edges), "truncated", graph.truncated());
    }

    private static String label(Node node) {
        return node.nodeType() + ": " + (node.name() != null ? node.name() : node.nodeId());
    }

    private static String dotEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String dotShape(String type) {
        return switch (type) {
            case "dataset", "feature_group" -> "cylinder";
            case "run" -> "ellipse";
            case "job", "notebook" -> "box";
            case "model", "model_version" -> "hexagon";
            default -> "note";
        };
    }
}

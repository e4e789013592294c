package ai.platform.lineage.openlineage;

import ai.platform.lineage.nodes.NodeRef;
import ai.platform.lineage.nodes.NodeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * An OpenLineage event (spec 2-0-x) as this service uses it: a run event (a job's run reading and writing
 * datasets), a job event (a job's static inputs and outputs) or a dataset event (a dataset's facets alone).
 */
record LineageEvent(Kind kind, String eventType, OffsetDateTime eventTime, Job job, RunInfo run,
        List<Dataset> inputs, List<Dataset> outputs, Dataset dataset) {

    enum Kind { RUN, JOB, DATASET }

    /** A job, named by namespace and name; facets as they came. */
    record Job(String namespace, String name, Map<String, Object> facets) {

        String id() {
            return namespace + "/" + name;
        }
    }

    /** A run; {@code parent} is the run and job of the parent run facet, if the event has one. */
    record RunInfo(String runId, Map<String, Object> facets, String parentRunId, Job parentJob) {
    }

    /**
     * A dataset; facets include the input or output facets of the event it came in. The platform's own
     * {@code platform_node} facet ({@code node_type}, {@code node_id}) files it as another kind of node: the model
     * registry reports model versions this way.
     */
    record Dataset(String namespace, String name, Map<String, Object> facets) {

        /** The OpenLineage naming convention's full name: {@code postgres://host:5432/db.schema.table}. */
        String id() {
            return namespace + "/" + name;
        }

        NodeRef ref() {
            if (facets.get("platform_node") instanceof Map<?, ?> node && node.get("node_type") instanceof String type
                    && node.get("node_id") instanceof String id && NodeType.isValid(type)) {
                return new NodeRef(type, id);
            }
            return new NodeRef("dataset", id());
        }
    }
}

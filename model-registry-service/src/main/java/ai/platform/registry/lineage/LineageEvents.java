package ai.platform.registry.lineage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The OpenLineage events the registry reports. A registered version is the output of a run of the job
 * {@code model-registry/<model>}: its training datasets and its parent version are the inputs. Model versions
 * carry the platform's {@code platform_node} dataset facet, so the lineage service files them as
 * {@code model_version} nodes ({@code <model>/<version>}) rather than datasets.
 *
 * <p>What changes about a version later, its stage and its aliases, is reported as dataset events on its node: a
 * facet each ({@code platform_model_stage}, {@code platform_model_aliases}), which the lineage service keeps as the
 * node's metadata, the newest replacing the one before. A stage change is no run: nothing is computed, and runs
 * would bury the graph's real work under promotions.
 */
public final class LineageEvents {

    static final String NAMESPACE = "model-registry";
    private static final String PRODUCER = "https://github.com/ai-platform/ai-platform/model-registry-service";
    private static final String SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final String DATASET_SCHEMA =
            "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent";

    private LineageEvents() {
    }

    public static JsonObject versionRegistered(String model, int version, String runId, List<String> datasets,
            Integer parentVersion, OffsetDateTime at) {
        JsonArray inputs = new JsonArray();
        for (String dataset : datasets) {
            inputs.add(dataset(dataset));
        }
        if (parentVersion != null) {
            inputs.add(modelVersion(model, parentVersion));
        }
        JsonObject run = new JsonObject().put("runId", runUuid(runId, model, version).toString());
        if (runId != null) {
            run.put("facets", new JsonObject().put("platform_run", facet().put("run_id", runId)));
        }
        return new JsonObject()
                .put("eventType", "COMPLETE")
                .put("eventTime", at.toString())
                .put("producer", PRODUCER)
                .put("schemaURL", SCHEMA)
                .put("run", run)
                .put("job", new JsonObject().put("namespace", NAMESPACE).put("name", model))
                .put("inputs", inputs)
                .put("outputs", new JsonArray().add(modelVersion(model, version)));
    }

    /** A version moved from one stage to another: who moved it, when and why. */
    public static JsonObject stageChanged(String model, int version, String fromStage, String toStage,
            String transitionedBy, String comment, OffsetDateTime at) {
        return versionFacet(model, version, "platform_model_stage", facet().put("stage", toStage)
                .put("from_stage", fromStage).put("transitioned_by", transitionedBy)
                .put("transitioned_at", at.toString()).put("comment", comment), at);
    }

    /** The aliases a version has now (all of them: the facet replaces the one before; empty when the last left). */
    public static JsonObject aliasesChanged(String model, int version, List<String> aliases, OffsetDateTime at) {
        return versionFacet(model, version, "platform_model_aliases",
                facet().put("aliases", new JsonArray(aliases)), at);
    }

    private static JsonObject versionFacet(String model, int version, String name, JsonObject facet,
            OffsetDateTime at) {
        JsonObject dataset = modelVersion(model, version);
        dataset.getJsonObject("facets").put(name, facet);
        return new JsonObject()
                .put("eventTime", at.toString())
                .put("producer", PRODUCER)
                .put("schemaURL", DATASET_SCHEMA)
                .put("dataset", dataset);
    }

    /**
     * The training run when its id is a UUID (as OpenLineage clients make them), so that the registry's event and
     * the training job's own events meet on one run; otherwise a UUID derived from it (or from the version).
     */
    static UUID runUuid(String runId, String model, int version) {
        if (runId != null) {
            try {
                return UUID.fromString(runId);
            } catch (IllegalArgumentException e) {
                return UUID.nameUUIDFromBytes(runId.getBytes(StandardCharsets.UTF_8));
            }
        }
        return UUID.nameUUIDFromBytes((model + "/" + version).getBytes(StandardCharsets.UTF_8));
    }

    /** A dataset named as the lineage service names it: the OpenLineage full name, split at its last '/'. */
    private static JsonObject dataset(String fullName) {
        int split = fullName.lastIndexOf('/');
        return split <= 0 ? new JsonObject().put("namespace", "default").put("name", fullName)
                : new JsonObject().put("namespace", fullName.substring(0, split))
                        .put("name", fullName.substring(split + 1));
    }

    private static JsonObject modelVersion(String model, int version) {
        return new JsonObject().put("namespace", NAMESPACE).put("name", model + "/" + version)
                .put("facets", new JsonObject().put("platform_node", facet().put("node_type", "model_version")
                        .put("node_id", model + "/" + version)));
    }

    private static JsonObject facet() {
        return new JsonObject().put("_producer", PRODUCER)
                .put("_schemaURL", "https://github.com/ai-platform/ai-platform/facets/1-0-0/PlatformFacet.json");
    }
}

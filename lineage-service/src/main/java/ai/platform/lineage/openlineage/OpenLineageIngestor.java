package ai.platform.lineage.openlineage;

import ai.platform.lineage.edges.CycleProblems;
import ai.platform.lineage.edges.EdgeOutcome;
import ai.platform.lineage.edges.EdgeType;
import ai.platform.lineage.edges.EdgeWriter;
import ai.platform.lineage.edges.NewEdge;
import ai.platform.lineage.nodes.NodeRef;
import ai.platform.lineage.nodes.NodeRepository;
import ai.platform.lineage.nodes.NodeRepository.NodeSpec;
import ai.platform.lineage.nodes.NodeRepository.Upserted;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns OpenLineage events into the graph: jobs, runs and datasets become nodes (facets kept as metadata, one
 * key per facet, so later events add facets without dropping earlier ones), and edges join them: job -> run and
 * parent run -> run (execution flow), input -> run -> output (data flow); a job event links its datasets to the
 * job itself. Run events also update the run's record. A batch costs a few statements, whatever its size.
 */
@ApplicationScoped
public class OpenLineageIngestor {

    /** What a batch did; edges that would have closed a cycle are skipped, not failed, and named here. */
    public record Result(int events, int nodes, int edgesCreated, List<SkippedEdge> skippedEdges) {
    }

    /** An edge an event implied but the graph refused, since it would close the given cycle. */
    public record SkippedEdge(String cycle) {
    }

    private final NodeRepository nodes;
    private final EdgeWriter edges;
    private final Pool pool;

    public OpenLineageIngestor(NodeRepository nodes, EdgeWriter edges, Pool pool) {
        this.nodes = nodes;
        this.edges = edges;
        this.pool = pool;
    }

    /** Ingests one batch of events, as one request sent them. */
    public Uni<Result> ingest(List<LineageEvent> events, String producer) {
        return ingestEach(List.of(events), producer).map(results -> results.get(0));
    }

    /**
     * Ingests the events of several requests together, with the statements one batch of them all would cost, and
     * answers each request with what its own events did. Writing again what was written already changes nothing
     * (node and run upserts merge, edges are idempotent), so a caller may retry any part of a failed call. The
     * result fails only before the edge transaction commits: everything the answers need (skipped edges' cycles
     * included) is read inside it, so a failure never hides a stored write from a client that would then resend.
     */
    public Uni<List<Result>> ingestEach(List<List<LineageEvent>> requests, String producer) {
        List<NodeSpec> specs = new ArrayList<>();
        List<LineageEvent> events = new ArrayList<>();
        for (List<LineageEvent> request : requests) {
            for (LineageEvent event : request) {
                nodesOf(event, specs);
                events.add(event);
            }
        }
        // One connection for the writes: nodes first (the edges need their ids), then edges and runs in one
        // transaction, so that a request's edges and run record are stored together.
        return pool.withConnection(connection -> nodes.upsertAll(connection, specs).flatMap(stored -> {
            List<NewEdge> links = new ArrayList<>();
            // Where each request's edges end in links, so that each gets its own outcomes back.
            int[] linksEnd = new int[requests.size()];
            for (int r = 0; r < requests.size(); r++) {
                for (LineageEvent event : requests.get(r)) {
                    edgesOf(event, stored, links);
                }
                linksEnd[r] = links.size();
            }
            return edges.add(connection, links, producer, recordRuns(events, stored)).map(outcomes -> {
                List<Result> results = new ArrayList<>(requests.size());
                for (int r = 0; r < requests.size(); r++) {
                    List<LineageEvent> request = requests.get(r);
                    results.add(summarize(request.size(), nodeCount(request),
                            outcomes.subList(r == 0 ? 0 : linksEnd[r - 1], linksEnd[r])));
                }
                return results;
            });
        }));
    }

    /** The distinct nodes a request's events name. */
    private static int nodeCount(List<LineageEvent> events) {
        List<NodeSpec> specs = new ArrayList<>();
        events.forEach(event -> nodesOf(event, specs));
        return (int) specs.stream().map(NodeSpec::ref).distinct().count();
    }

    private static void nodesOf(LineageEvent event, List<NodeSpec> specs) {
        if (event.job() != null) {
            specs.add(new NodeSpec(jobRef(event.job()), event.job().name(), withName(event.job().namespace(),
                    event.job().name(), event.job().facets())));
        }
        if (event.run() != null) {
            specs.add(new NodeSpec(runRef(event.run().runId()), event.job().name(), event.run().facets()));
            if (event.run().parentRunId() != null) {
                specs.add(new NodeSpec(runRef(event.run().parentRunId()), event.run().parentJob().name(), null));
                specs.add(new NodeSpec(jobRef(event.run().parentJob()), event.run().parentJob().name(),
                        withName(event.run().parentJob().namespace(), event.run().parentJob().name(), null)));
            }
        }
        for (LineageEvent.Dataset dataset : datasetsOf(event)) {
            specs.add(new NodeSpec(datasetRef(dataset), dataset.name(),
                    withName(dataset.namespace(), dataset.name(), dataset.facets())));
        }
    }

    private static void edgesOf(LineageEvent event, Map<NodeRef, Upserted> stored, List<NewEdge> links) {
        UUID hub = switch (event.kind()) {
            case RUN -> id(stored, runRef(event.run().runId()));
            case JOB -> id(stored, jobRef(event.job()));
            case DATASET -> null;
        };
        if (hub == null) {
            return;
        }
        if (event.kind() == LineageEvent.Kind.RUN) {
            links.add(new NewEdge(id(stored, jobRef(event.job())), hub, EdgeType.EXECUTION_FLOW, null));
            if (event.run().parentRunId() != null) {
                UUID parent = id(stored, runRef(event.run().parentRunId()));
                links.add(new NewEdge(id(stored, jobRef(event.run().parentJob())), parent,
                        EdgeType.EXECUTION_FLOW, null));
                links.add(new NewEdge(parent, hub, EdgeType.EXECUTION_FLOW, null));
            }
        }
        for (LineageEvent.Dataset input : event.inputs()) {
            links.add(new NewEdge(id(stored, datasetRef(input)), hub, EdgeType.DATA_FLOW, null));
        }
        for (LineageEvent.Dataset output : event.outputs()) {
            links.add(new NewEdge(hub, id(stored, datasetRef(output)), EdgeType.DATA_FLOW, null));
        }
    }

    /** Upserts one row per run, folding the batch's events in time order (see {@link RunEventRecord}). */
    private static Optional<EdgeWriter.Statement> recordRuns(List<LineageEvent> events,
            Map<NodeRef, Upserted> stored) {
        Map<String, RunEventRecord> byRun = new LinkedHashMap<>();
        events.stream().filter(e -> e.kind() == LineageEvent.Kind.RUN)
                .sorted(Comparator.comparing(LineageEvent::eventTime))
                .forEach(e -> byRun.merge(e.run().runId(),
                        RunEventRecord.of(e, id(stored, runRef(e.run().runId()))), RunEventRecord::merge));
        if (byRun.isEmpty()) {
            return Optional.empty();
        }
        List<RunEventRecord> runs = byRun.values().stream().sorted(Comparator.comparing(RunEventRecord::runId))
                .toList();
        return Optional.of(new EdgeWriter.Statement("""
                        INSERT INTO execution_runs (run_id, job, node_id, status, start_time, end_time, metadata)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[],
                                             $6::timestamptz[], $7::jsonb[])
                        ON CONFLICT (run_id) DO UPDATE SET
                            status = CASE
                                WHEN execution_runs.status IN ('completed', 'failed', 'aborted')
                                    THEN execution_runs.status
                                ELSE COALESCE(EXCLUDED.status, execution_runs.status) END,
                            start_time = LEAST(execution_runs.start_time, EXCLUDED.start_time),
                            end_time = GREATEST(execution_runs.end_time, EXCLUDED.end_time),
                            metadata = COALESCE(execution_runs.metadata, '{}'::jsonb) || EXCLUDED.metadata,
                            job = COALESCE(EXCLUDED.job, execution_runs.job),
                            node_id = COALESCE(execution_runs.node_id, EXCLUDED.node_id),
                            updated_at = now()
                        """, Tuple.from(new Object[] {
                        runs.stream().map(RunEventRecord::runId).toArray(String[]::new),
                        runs.stream().map(RunEventRecord::job).toArray(String[]::new),
                        runs.stream().map(RunEventRecord::nodeId).toArray(UUID[]::new),
                        runs.stream().map(r -> r.status() == null ? null : r.status().toString())
                                .toArray(String[]::new),
                        runs.stream().map(RunEventRecord::startTime).toArray(OffsetDateTime[]::new),
                        runs.stream().map(RunEventRecord::endTime).toArray(OffsetDateTime[]::new),
                        runs.stream().map(r -> new JsonObject(r.facets())).toArray(JsonObject[]::new)})));
    }

    private static Result summarize(int eventCount, int nodeCount, List<EdgeOutcome> outcomes) {
        int created = (int) outcomes.stream().filter(EdgeOutcome::created).count();
        List<SkippedEdge> skipped = outcomes.stream().filter(EdgeOutcome::refused)
                .map(outcome -> new SkippedEdge(CycleProblems.describe(outcome.cycle()))).toList();
        return new Result(eventCount, nodeCount, created, skipped);
    }

    private static List<LineageEvent.Dataset> datasetsOf(LineageEvent event) {
        List<LineageEvent.Dataset> all = new ArrayList<>(event.inputs());
        all.addAll(event.outputs());
        if (event.dataset() != null) {
            all.add(event.dataset());
        }
        return all;
    }

    private static Map<String, Object> withName(String namespace, String name, Map<String, Object> facets) {
        Map<String, Object> metadata = new HashMap<>(facets == null ? Map.of() : facets);
        metadata.put("namespace", namespace);
        metadata.put("name", name);
        return metadata;
    }

    private static UUID id(Map<NodeRef, Upserted> stored, NodeRef ref) {
        return stored.get(ref).node().id();
    }

    private static NodeRef jobRef(LineageEvent.Job job) {
        return new NodeRef("job", job.id());
    }

    private static NodeRef runRef(String runId) {
        return new NodeRef("run", runId);
    }

    private static NodeRef datasetRef(LineageEvent.Dataset dataset) {
        return dataset.ref();
    }
}

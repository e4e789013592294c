package ai.platform.lineage.openlineage;

import ai.platform.lineage.tracking.RunStatus;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the run events of one batch say about one run, folded together: the run's row is written once per batch,
 * with the same rules the database applies across batches (a terminal status is final, the earliest start and
 * the latest end win, facets merge).
 */
record RunEventRecord(String runId, String job, UUID nodeId, RunStatus status, OffsetDateTime startTime,
        OffsetDateTime endTime, Map<String, Object> facets) {

    static RunEventRecord of(LineageEvent event, UUID nodeId) {
        RunStatus status = switch (event.eventType() == null ? "OTHER" : event.eventType()) {
            case "START", "RUNNING" -> RunStatus.RUNNING;
            case "COMPLETE" -> RunStatus.COMPLETED;
            case "FAIL" -> RunStatus.FAILED;
            case "ABORT" -> RunStatus.ABORTED;
            default -> null;
        };
        boolean starts = "START".equals(event.eventType()) || "RUNNING".equals(event.eventType());
        return new RunEventRecord(event.run().runId(), event.job().id(), nodeId, status,
                starts ? event.eventTime() : null, status != null && status.terminal() ? event.eventTime() : null,
                event.run().facets());
    }

    RunEventRecord merge(RunEventRecord later) {
        RunStatus merged = status != null && status.terminal() ? status
                : later.status != null ? later.status : status;
        Map<String, Object> allFacets = new HashMap<>(facets);
        allFacets.putAll(later.facets);
        return new RunEventRecord(runId, job, nodeId, merged, earliest(startTime, later.startTime),
                latest(endTime, later.endTime), allFacets);
    }

    private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}

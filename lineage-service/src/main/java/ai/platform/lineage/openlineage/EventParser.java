package ai.platform.lineage.openlineage;

import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads OpenLineage events (one object, or an array of them) and checks what the spec requires of each; every
 * departure is reported with its path ({@code [2].run.runId}), and one bad event refuses the whole batch.
 */
final class EventParser {

    private static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final List<Problem.FieldError> errors = new ArrayList<>();

    static List<LineageEvent> parse(JsonNode body) {
        EventParser parser = new EventParser();
        List<LineageEvent> events = new ArrayList<>();
        if (body == null || body.isNull()) {
            throw ProblemException.badRequest("The body must be an OpenLineage event or an array of them");
        }
        if (body.isArray()) {
            if (body.isEmpty()) {
                throw ProblemException.badRequest("The array holds no events");
            }
            for (int i = 0; i < body.size(); i++) {
                events.add(parser.event(body.get(i), "[" + i + "]"));
            }
        } else {
            events.add(parser.event(body, ""));
        }
        if (!parser.errors.isEmpty()) {
            throw ProblemException.invalid(parser.errors);
        }
        return events;
    }

    private LineageEvent event(JsonNode event, String at) {
        if (!event.isObject()) {
            return fail(at.isEmpty() ? "body" : at, "must be an OpenLineage event object");
        }
        OffsetDateTime eventTime = time(event.get("eventTime"), path(at, "eventTime"));
        text(event.get("producer"), path(at, "producer"));
        String eventType = null;
        if (event.hasNonNull("eventType")) {
            eventType = event.get("eventType").asText();
            if (!EVENT_TYPES.contains(eventType)) {
                fail(path(at, "eventType"), "must be one of " + EVENT_TYPES);
            }
        }
        if (event.has("run")) {
            LineageEvent.Job job = job(event.get("job"), path(at, "job"));
            LineageEvent.RunInfo run = run(event.get("run"), path(at, "run"));
            return new LineageEvent(LineageEvent.Kind.RUN, eventType, eventTime, job, run,
                    datasets(event.get("inputs"), path(at, "inputs"), "inputFacets"),
                    datasets(event.get("outputs"), path(at, "outputs"), "outputFacets"), null);
        }
        if (event.has("job")) {
            LineageEvent.Job job = job(event.get("job"), path(at, "job"));
            return new LineageEvent(LineageEvent.Kind.JOB, eventType, eventTime, job, null,
                    datasets(event.get("inputs"), path(at, "inputs"), "inputFacets"),
                    datasets(event.get("outputs"), path(at, "outputs"), "outputFacets"), null);
        }
        if (event.has("dataset")) {
            LineageEvent.Dataset dataset = dataset(event.get("dataset"), path(at, "dataset"), null);
            return new LineageEvent(LineageEvent.Kind.DATASET, eventType, eventTime, null, null, List.of(),
                    List.of(), dataset);
        }
        return fail(at.isEmpty() ? "body" : at, "must have a run and a job (run event), a job (job event) "
                + "or a dataset (dataset event)");
    }

    private LineageEvent.Job job(JsonNode job, String at) {
        if (job == null || !job.isObject()) {
            return fail(at, "must be an object with namespace and name");
        }
        return new LineageEvent.Job(text(job.get("namespace"), path(at, "namespace")),
                text(job.get("name"), path(at, "name")), facets(job.get("facets"), path(at, "facets")));
    }

    private LineageEvent.RunInfo run(JsonNode run, String at) {
        if (run == null || !run.isObject()) {
            return fail(at, "must be an object with a runId");
        }
        String runId = uuid(run.get("runId"), path(at, "runId"));
        Map<String, Object> facets = facets(run.get("facets"), path(at, "facets"));
        JsonNode parent = run.path("facets").path("parent");
        String parentRunId = null;
        LineageEvent.Job parentJob = null;
        if (parent.isObject()) {
            parentRunId = uuid(parent.path("run").get("runId"), path(at, "facets.parent.run.runId"));
            parentJob = job(parent.get("job"), path(at, "facets.parent.job"));
        }
        return new LineageEvent.RunInfo(runId, facets, parentRunId, parentJob);
    }

    private List<LineageEvent.Dataset> datasets(JsonNode list, String at, String ioFacets) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            return fail(at, "must be an array of datasets");
        }
        List<LineageEvent.Dataset> datasets = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            datasets.add(dataset(list.get(i), at + "[" + i + "]", ioFacets));
        }
        return datasets;
    }

    private LineageEvent.Dataset dataset(JsonNode dataset, String at, String ioFacets) {
        if (dataset == null || !dataset.isObject()) {
            return fail(at, "must be an object with namespace and name");
        }
        Map<String, Object> facets = new HashMap<>(facets(dataset.get("facets"), path(at, "facets")));
        if (ioFacets != null) {
            facets.putAll(facets(dataset.get(ioFacets), path(at, ioFacets)));
        }
        return new LineageEvent.Dataset(text(dataset.get("namespace"), path(at, "namespace")),
                text(dataset.get("name"), path(at, "name")), facets);
    }

    private Map<String, Object> facets(JsonNode facets, String at) {
        if (facets == null || facets.isNull()) {
            return Map.of();
        }
        if (!facets.isObject()) {
            return fail(at, "must be an object of facets");
        }
        return PLAIN.convertValue(facets, MAP);
    }

    private String text(JsonNode value, String at) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return fail(at, "must be a non-empty string");
        }
        return value.asText();
    }

    private String uuid(JsonNode value, String at) {
        String text = text(value, at);
        if (text != null) {
            try {
                UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                return fail(at, "must be a UUID");
            }
        }
        return text;
    }

    private OffsetDateTime time(JsonNode value, String at) {
        String text = text(value, at);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return fail(at, "must be an ISO 8601 time with an offset, such as 2026-01-31T12:00:00.000Z");
        }
    }

    private <T> T fail(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return null;
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }
}

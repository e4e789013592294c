package ai.platform.featurestore.ingestion;

import ai.platform.featurestore.registry.GroupSchema;
import ai.platform.featurestore.online.OnlineKeys;
import ai.platform.featurestore.registry.Dtype;
import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every row of an ingestion against the group: its entity has exactly the group's keys (strings or
 * integers), its event time is RFC 3339, each value belongs to a feature of the group and passes that feature's
 * type. One bad row refuses the whole batch, with every bad row and field listed.
 */
final class RowParser {

    static final int MAX_ROWS = 10_000;
    private static final int MAX_ERRORS = 100;

    private RowParser() {
    }

    static List<IngestRow> parse(GroupSchema group, JsonNode rows) {
        if (rows == null || !rows.isArray() || rows.isEmpty()) {
            throw ProblemException.invalidField("rows", "must be a non-empty array");
        }
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.invalidField("rows", "at most " + MAX_ROWS + " rows per request");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<IngestRow> parsed = new ArrayList<>(rows.size());
        // A row is identified by its entity and event time: two in one batch would leave it to chance which one
        // the offline store keeps.
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size() && errors.size() < MAX_ERRORS; i++) {
            IngestRow row = row(group, rows.get(i), "rows[" + i + "]", errors);
            if (row != null) {
                Integer first = seen.putIfAbsent(row.entityKey() + "@" + row.eventTime().toInstant(), i);
                if (first != null) {
                    errors.add(new Problem.FieldError("rows[" + i + "]", "repeats the entity and event_time of rows["
                            + first + "]"));
                }
                parsed.add(row);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return parsed;
    }

    private static IngestRow row(GroupSchema group, JsonNode row, String at, List<Problem.FieldError> errors) {
        int before = errors.size();
        if (!row.isObject()) {
            errors.add(new Problem.FieldError(at, "must be an object with entity, event_time and values"));
            return null;
        }
        Map<String, Object> entity = entity(group, row.get("entity"), at + ".entity", errors);
        OffsetDateTime eventTime = null;
        JsonNode time = row.get("event_time");
        try {
            eventTime = time != null && time.isTextual() ? OffsetDateTime.parse(time.asText()) : null;
        } catch (DateTimeParseException e) {
            eventTime = null;
        }
        if (eventTime == null) {
            errors.add(new Problem.FieldError(at + ".event_time", "must be an RFC 3339 time"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode given = row.get("values");
        if (given == null || !given.isObject() || given.isEmpty()) {
            errors.add(new Problem.FieldError(at + ".values", "must be an object of feature values"));
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> value = it.next();
                Dtype dtype = group.features().get(value.getKey());
                String field = at + ".values." + value.getKey();
                if (dtype == null) {
                    errors.add(new Problem.FieldError(field, "is not a feature of " + group.name()));
                    continue;
                }
                String wrong = dtype.reject(value.getValue());
                if (wrong != null) {
                    errors.add(new Problem.FieldError(field, wrong + " (" + dtype + ")"));
                    continue;
                }
                values.put(value.getKey(), value.getValue().toString());
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new IngestRow(OnlineKeys.entityKey(group.entityKeys(), entity), eventTime, values);
    }

    private static Map<String, Object> entity(GroupSchema group, JsonNode entity, String at,
            List<Problem.FieldError> errors) {
        Map<String, Object> values = new HashMap<>();
        if (entity == null || !entity.isObject()) {
            errors.add(new Problem.FieldError(at, "must be an object of the group's keys " + group.entityKeys()));
            return values;
        }
        for (String key : group.entityKeys()) {
            JsonNode value = entity.get(key);
            if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
                errors.add(new Problem.FieldError(at + "." + key, "must be a string or an integer"));
            } else {
                values.put(key, value.asText());
            }
        }
        for (Iterator<String> names = entity.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!group.entityKeys().contains(name)) {
                errors.add(new Problem.FieldError(at + "." + name, "is not a key of " + group.name()));
            }
        }
        return values;
    }
}

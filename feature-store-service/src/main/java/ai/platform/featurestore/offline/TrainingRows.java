package ai.platform.featurestore.offline;

import ai.platform.featurestore.registry.FeatureSelection;
import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked training-data request: the label rows with their times, and the output's columns (the label rows'
 * own columns in the order first seen, then the features as {@code group:feature}).
 */
record TrainingRows(FeatureSelection.Selected selected, List<Map<String, Object>> rows, OffsetDateTime[] times,
        List<String> inputColumns) {

    private static final int MAX_ERRORS = 100;

    /** Checks every row (its time and every group's keys); one bad row refuses the request, listing all. */
    static TrainingRows check(FeatureSelection.Selected selected, List<Map<String, Object>> rows, String timeField) {
        List<Problem.FieldError> errors = new ArrayList<>();
        OffsetDateTime[] times = new OffsetDateTime[rows.size()];
        Set<String> columns = new LinkedHashSet<>();
        for (int i = 0; i < rows.size() && errors.size() < MAX_ERRORS; i++) {
            Map<String, Object> row = rows.get(i);
            columns.addAll(row.keySet());
            try {
                times[i] = row.get(timeField) instanceof String time ? OffsetDateTime.parse(time) : null;
            } catch (DateTimeParseException e) {
                times[i] = null;
            }
            if (times[i] == null) {
                errors.add(new Problem.FieldError("entities[" + i + "]." + timeField, "must be an RFC 3339 time"));
            }
            selected.checkKeys(row, "entities[" + i + "]", errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new TrainingRows(selected, rows, times, List.copyOf(columns));
    }

    /** The rows from {@code from} (inclusive) to {@code to} (exclusive), for joining a chunk at a time. */
    TrainingRows slice(int from, int to) {
        OffsetDateTime[] chunkTimes = new OffsetDateTime[to - from];
        System.arraycopy(times, from, chunkTimes, 0, to - from);
        return new TrainingRows(selected, rows.subList(from, to), chunkTimes, inputColumns);
    }

    List<String> columns() {
        List<String> all = new ArrayList<>(inputColumns);
        all.addAll(selected.labels());
        return all;
    }
}

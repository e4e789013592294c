package ai.platform.notebooks.manager;

import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of nbformat 4 the service relies on: a top-level {@code nbformat: 4}, {@code metadata} and
 * {@code cells}, each cell a known type with its source. Anything else in the document is kept as it came.
 */
final class NbFormat {

    private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");

    private NbFormat() {
    }

    static Map<String, Object> empty() {
        return Map.of("nbformat", 4, "nbformat_minor", 5, "metadata", Map.of(
                "kernelspec", Map.of("name", "python3", "display_name", "Python 3", "language", "python")),
                "cells", List.of());
    }

    /** Throws a 400 listing every place the document departs from nbformat 4. */
    static void check(Map<String, Object> document) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!(document.get("nbformat") instanceof Number major) || major.intValue() != 4) {
            errors.add(new Problem.FieldError("content.nbformat", "must be 4"));
        }
        if (document.containsKey("metadata") && !(document.get("metadata") instanceof Map)) {
            errors.add(new Problem.FieldError("content.metadata", "must be an object"));
        }
        if (!(document.get("cells") instanceof List<?> cells)) {
            errors.add(new Problem.FieldError("content.cells", "must be an array"));
        } else {
            for (int i = 0; i < cells.size(); i++) {
                String at = "content.cells[" + i + "]";
                if (!(cells.get(i) instanceof Map<?, ?> cell)) {
                    errors.add(new Problem.FieldError(at, "must be an object"));
                    continue;
                }
                if (!CELL_TYPES.contains(cell.get("cell_type"))) {
                    errors.add(new Problem.FieldError(at + ".cell_type", "must be one of " + CELL_TYPES));
                }
                Object source = cell.get("source");
                if (!(source instanceof String) && !(source instanceof List)) {
                    errors.add(new Problem.FieldError(at + ".source", "must be a string or an array of strings"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}

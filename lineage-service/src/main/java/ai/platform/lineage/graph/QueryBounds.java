package ai.platform.lineage.graph;

import ai.platform.lineage.LineageConfig;
import ai.platform.support.problem.ProblemException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Checks a query's depth, node limit and time against the configured bounds; out of bounds is a 400. */
final class QueryBounds {

    private final LineageConfig.Query config;

    QueryBounds(LineageConfig.Query config) {
        this.config = config;
    }

    int depth(Integer requested) {
        int depth = requested == null ? config.defaultDepth() : requested;
        if (depth < 1 || depth > config.maxDepth()) {
            throw ProblemException.invalidField("depth", "must be between 1 and " + config.maxDepth());
        }
        return depth;
    }

    int limit(Integer requested) {
        int limit = requested == null ? config.defaultNodeLimit() : requested;
        if (limit < 1 || limit > config.maxNodeLimit()) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + config.maxNodeLimit());
        }
        return limit;
    }

    static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }
}

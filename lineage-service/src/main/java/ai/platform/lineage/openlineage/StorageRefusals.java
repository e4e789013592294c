package ai.platform.lineage.openlineage;

import ai.platform.support.problem.ProblemException;
import io.vertx.pgclient.PgException;

/**
 * Turns PostgreSQL's refusal of a value an event holds into the client's 400. Such events pass the OpenLineage
 * checks but cannot be stored: a NUL character (text and JSONB cannot hold one), a name of several kilobytes (too
 * large for the index on node ids). Any other failure is left as it is.
 */
final class StorageRefusals {

    private static final String PROGRAM_LIMIT = "54";
    private static final String DATA_EXCEPTION = "22";

    private StorageRefusals() {
    }

    static Throwable answer(Throwable failure) {
        if (!(failure instanceof PgException pg) || pg.getSqlState() == null || pg.getSqlState().length() != 5) {
            return failure;
        }
        String kind = pg.getSqlState().substring(0, 2);
        if (DATA_EXCEPTION.equals(kind)) {
            return ProblemException.badRequest("The event holds a value that cannot be stored ("
                    + pg.getErrorMessage() + "), such as a NUL character (\\u0000) in a name or facet");
        }
        if (PROGRAM_LIMIT.equals(kind)) {
            return ProblemException.badRequest("The event holds a value too large to store: job, run and dataset"
                    + " names (with their namespace) must be shorter than about 2,000 characters");
        }
        return failure;
    }
}

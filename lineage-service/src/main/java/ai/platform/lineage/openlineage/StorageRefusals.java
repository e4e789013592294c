package ai.platform.lineage.openlineage;

import ai.platform.support.problem.ProblemException;
import io.vertx.pgclient.PgException;

/**
 * Turns PostgreSQL's refusal of what an event holds into a problem the client can act on. A value that cannot be
 * stored whatever the graph holds is a 400: a NUL character (text and JSONB cannot hold one), a name of several
 * kilobytes (too large for the index on node ids). A unique key refusing the event's rows (23505) is a 503 to
 * retry: the checks before writing and the writer itself (self-loops and cycles are skipped edges, upserts merge)
 * leave only a clash with rows being stored by a concurrent transaction, which a retry finds stored and merges
 * into; a 4xx would make clients such as the registry's outbox give the event up. Any other failure, other
 * integrity errors included (a missing id is the service's fault, not the event's), is left as it is.
 */
final class StorageRefusals {

    private static final String PROGRAM_LIMIT = "54";
    private static final String DATA_EXCEPTION = "22";
    private static final String UNIQUE_VIOLATION = "23505";

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
        if (UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            return ProblemException.unavailable("The event clashed with one being stored at the same time; nothing"
                    + " of it was written: send it again");
        }
        return failure;
    }
}

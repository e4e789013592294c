package ai.platform.support.persistence;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;

/** Recognises PostgreSQL's answers that are the client's doing (a duplicate), not the service's fault. */
public final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    /**
     * True when {@code failure}, or any cause of it, is a unique-constraint violation (Hibernate Reactive wraps
     * PostgreSQL's error in a SQLException; the reactive client raises it as it is).
     */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

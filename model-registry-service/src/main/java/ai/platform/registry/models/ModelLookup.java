package ai.platform.registry.models;

import ai.platform.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/** Finds a registered model's id by name, optionally locking its row; a missing model is a 404. */
public final class ModelLookup {

    private ModelLookup() {
    }

    public static Uni<UUID> id(SqlClient sql, String name) {
        return query(sql, name, "");
    }

    /**
     * Locks the model's row for the rest of the transaction: changes that must not interleave for one model
     * (stage transitions, version numbering) queue on it.
     */
    public static Uni<UUID> lock(SqlClient sql, String name) {
        return query(sql, name, " FOR UPDATE");
    }

    private static Uni<UUID> query(SqlClient sql, String name, String suffix) {
        return sql.preparedQuery("SELECT id FROM registered_models WHERE name = $1" + suffix)
                .execute(Tuple.of(name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Model", name);
                    }
                    return rows.iterator().next().getUUID("id");
                });
    }
}

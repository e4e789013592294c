package ai.platform.registry.lineage;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Records a lineage event in the transaction of the change it reports (see {@link OutboxRelay}). */
public final class LineageOutbox {

    private LineageOutbox() {
    }

    public static Uni<Void> enqueue(SqlClient transaction, JsonObject event) {
        return transaction.preparedQuery("INSERT INTO lineage_outbox (event) VALUES ($1)")
                .execute(Tuple.of(event)).replaceWithVoid();
    }
}

package ai.platform.lineage.edges;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Edge changes other than creation (which is {@link EdgeWriter}'s). */
@ApplicationScoped
public class EdgeRepository {

    private final Pool pool;

    public EdgeRepository(Pool pool) {
        this.pool = pool;
    }

    /** Marks the edge deleted now; false when there is no live edge with that id. */
    public Uni<Boolean> softDelete(UUID id) {
        return pool.preparedQuery("UPDATE lineage_edges SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }
}

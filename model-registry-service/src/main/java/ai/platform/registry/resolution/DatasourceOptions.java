package ai.platform.registry.resolution;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * The connection options Quarkus built for the datasource's pool, kept so that {@link ChangeListener}'s connection
 * is made with the very same ones: not only the URL's, but every {@code quarkus.datasource.*} key that reaches the
 * pool (user and password, {@code reactive.postgresql.ssl-mode}, {@code reactive.trust-all}, trust and key
 * certificates, hostname verification, additional properties ...), with no second reading of the configuration to
 * drift from Quarkus' own.
 *
 * <p>Quarkus hands them over only to a {@link PgPoolCreator}, which then makes the pool: this one makes it as Quarkus
 * does when there is none (the Vert.x driver, connecting to the listed servers in turn). One difference: a
 * {@code quarkus.datasource.credentials-provider} would be asked once, at start, and not again for each new
 * connection; the registry configures none.
 */
@Singleton
public class DatasourceOptions implements PgPoolCreator {

    private volatile PgConnectOptions first;

    @Override
    public Pool create(Input input) {
        first = input.pgConnectOptionsList().get(0);
        return PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }

    /**
     * A copy, to add to, of the options of the datasource's first server (the one it uses while several are listed
     * for failover). The pool is made at start, before the application's own start observers run.
     */
    PgConnectOptions copyOfFirst() {
        PgConnectOptions options = first;
        if (options == null) {
            throw new IllegalStateException("The datasource's pool has not been made yet");
        }
        return new PgConnectOptions(options);
    }
}

package ai.platform.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * The real PostgreSQL and Redis the tests of one JVM talk to, started at most once.
 *
 * <p>{@code TEST_POSTGRES_URL} ({@code postgresql://user[:password]@host:port}) and {@code TEST_REDIS_URL}
 * ({@code redis://host:port}) point the tests at servers that already run; otherwise they start from the
 * Maven Central artifacts (zonky's PostgreSQL binaries, signal's static Redis) on free ports. Either way each
 * JVM gets a database of its own, so modules never see each other's rows.
 */
public final class TestServers {

    private static final Logger LOG = Logger.getLogger(TestServers.class);

    private static Postgres postgres;
    private static String redisUrl;

    private TestServers() {
    }

    /** Where a test JVM's PostgreSQL database is: host, port, user, password and a database made for it. */
    public record Postgres(String host, int port, String user, String password, String database) {

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + database;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = startPostgres();
        }
        return postgres;
    }

    public static synchronized String redisUrl() {
        if (redisUrl == null) {
            redisUrl = startRedis();
        }
        return redisUrl;
    }

    private static Postgres startPostgres() {
        String external = System.getenv("TEST_POSTGRES_URL");
        String host;
        int port;
        String user;
        String password;
        if (external != null && !external.isBlank()) {
            URI uri = URI.create(external);
            host = uri.getHost();
            port = uri.getPort() > 0 ? uri.getPort() : 5432;
            String[] userInfo = uri.getUserInfo() == null ? new String[] {"postgres"} : uri.getUserInfo().split(":", 2);
            user = userInfo[0];
            password = userInfo.length > 1 ? userInfo[1] : "";
        } else {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server)));
                host = "localhost";
                port = server.getPort();
                user = "postgres";
                password = "";
                LOG.infof("Started an embedded PostgreSQL on port %d", port);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
        }
        String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database on " + host + ":" + port, e);
        }
        return new Postgres(host, port, user, password, database);
    }

    private static String startRedis() {
        String external = System.getenv("TEST_REDIS_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        int port = freePort();
        RedisServer server = new RedisServer(port);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        LOG.infof("Started an embedded Redis on port %d", port);
        return "redis://localhost:" + port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL", e);
        }
    }
}

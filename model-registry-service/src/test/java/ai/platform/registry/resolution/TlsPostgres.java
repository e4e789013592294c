package ai.platform.registry.resolution;

import static org.awaitility.Awaitility.await;

import ai.platform.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns TLS on in the tests' PostgreSQL, with a self-signed certificate made by the JDK's {@code keytool}, for the
 * tests of one profile, and off again after them. PostgreSQL reloads its TLS settings without a restart. It needs a
 * server on this machine and a superuser, as the embedded one is; clients that do not ask for TLS are unaffected.
 */
public class TlsPostgres implements QuarkusTestResourceLifecycleManager {

    private static final String PASSWORD = "changeit";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "postgres-tls").toAbsolutePath());
            Path keyStore = dir.resolve("server.p12");
            Files.deleteIfExists(keyStore);
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "postgres", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                    "-validity", "7", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD)
                    .inheritIO().start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make a certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            Path certificate = dir.resolve("server.crt");
            Path key = dir.resolve("server.key");
            Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate("postgres").getEncoded()));
            Files.deleteIfExists(key);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, pem("PRIVATE KEY", store.getKey("postgres", PASSWORD.toCharArray()).getEncoded()));
            configure("ALTER SYSTEM SET ssl_cert_file = '" + certificate + "'",
                    "ALTER SYSTEM SET ssl_key_file = '" + key + "'", "ALTER SYSTEM SET ssl = on");
            awaitSsl("on");
            return Map.of();
        } catch (IOException | GeneralSecurityException | SQLException e) {
            throw new IllegalStateException("Could not turn TLS on in the tests' PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            configure("ALTER SYSTEM RESET ssl", "ALTER SYSTEM RESET ssl_cert_file", "ALTER SYSTEM RESET ssl_key_file");
            awaitSsl("off");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not turn TLS off in the tests' PostgreSQL", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Connection connect() throws SQLException {
        TestServers.Postgres postgres = TestServers.postgres();
        return DriverManager.getConnection(postgres.jdbcUrl() + "?sslmode=disable", postgres.user(),
                postgres.password());
    }

    private static void configure(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    /** Waits until new connections see the reloaded setting (the server reloads on a signal, in its own time). */
    private static void awaitSsl(String expected) {
        // A key file the server refuses leaves TLS off (its log says why).
        await("PostgreSQL's ssl setting " + expected).atMost(WAIT).until(() -> {
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 ResultSet setting = statement.executeQuery("SHOW ssl")) {
                return setting.next() && expected.equals(setting.getString(1));
            }
        });
    }
}

package ai.platform.testing;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Set;

/**
 * Tokens for tests, signed with a key pair made for this test JVM: no key is kept in the repository, and a
 * token from another run is worth nothing.
 */
public final class TestTokens {

    public static final String ISSUER = "ai-platform";

    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER = generate();
    private static Path publicKeyFile;

    private TestTokens() {
    }

    /** A token for {@code subject} holding {@code roles} (viewer, editor, admin), valid for an hour. */
    public static String token(String subject, String... roles) {
        return sign(subject, 3600, KEYS.getPrivate(), roles);
    }

    /** A well-signed token whose expiry has passed. */
    public static String expired(String subject) {
        return sign(subject, -120, KEYS.getPrivate(), "viewer");
    }

    /** A token signed by a key the services do not trust. */
    public static String signedByStranger(String subject) {
        return sign(subject, 3600, STRANGER.getPrivate(), "admin");
    }

    /** The PEM file of the public key, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized String publicKeyLocation() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("test-jwt-", ".pem");
                publicKeyFile.toFile().deleteOnExit();
                String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(KEYS.getPublic().getEncoded());
                Files.writeString(publicKeyFile,
                        "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile.toString();
    }

    private static String sign(String subject, long lifetimeSeconds, PrivateKey key, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .groups(Set.of(roles))
                .issuedAt(now - Math.max(0, -lifetimeSeconds) - 60)
                .expiresAt(now + lifetimeSeconds)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(key);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

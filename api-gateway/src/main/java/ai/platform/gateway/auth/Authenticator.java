package ai.platform.gateway.auth;

import ai.platform.gateway.http.Problems;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a request under {@code /api} without a valid bearer token (RS256, signed by the platform's key, not
 * expired, from the configured issuer) before it is routed anywhere. The token goes on to the service unchanged:
 * services verify it again, since they are reachable inside the cluster.
 */
@Singleton
public class Authenticator implements Handler<RoutingContext> {

    /** The verified token, for the handlers after this one (rate limiting keys on its subject). */
    public static final String TOKEN = "ai.platform.token";
    private static final String BEARER = "Bearer ";

    private final JWTParser parser;
    private final PublicKey publicKey;
    /**
     * Tokens that passed verification, so that a client's next requests with the same token skip the signature
     * check (most of the gateway's own cost). An entry lives until the token expires (checked on every hit) and
     * at most five minutes, so a change of key takes effect within that time.
     */
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            // Upkeep (eviction, expiry) on the caller's thread, not the common pool: no wake-up of another thread per
            // few reads on the event loop (bench/RESULTS.md, session 6).
            .executor(Runnable::run)
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    public Authenticator(JWTParser parser,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation) {
        this.parser = parser;
        this.publicKey = readKey(publicKeyLocation);
    }

    @Override
    public void handle(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(rc, "A bearer token is required (Authorization: Bearer <JWT>)");
            return;
        }
        // Keyed by the whole header, so that a hit needs no cut of the token out of it.
        JsonWebToken token = verified.getIfPresent(header);
        if (token == null || token.getExpirationTime() <= System.currentTimeMillis() / 1000) {
            try {
                token = parser.verify(header.substring(BEARER.length()).trim(), publicKey);
                verified.put(header, token);
            } catch (ParseException e) {
                refuse(rc, "The bearer token is invalid, expired or not signed by this platform");
                return;
            }
        }
        rc.put(TOKEN, token);
        rc.next();
    }

    private static void refuse(RoutingContext rc, String detail) {
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        Problems.send(rc, 401, "unauthenticated", "Unauthorized", detail);
    }

    /** The key is read once at start-up: verifying must not touch the disk on every request. */
    private static PublicKey readKey(String location) {
        Path path = Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location);
        try {
            return KeyUtils.decodePublicKey(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWT public key at " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JWT public key at " + path + " is not a PEM public key", e);
        }
    }
}

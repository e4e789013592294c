package ai.platform.support.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;

/**
 * Verifies a bearer token once and remembers the result: a client sends the same token with many requests, and
 * checking its RS256 signature every time was the largest part of a small request's cost (measured at the
 * gateway, which does the same). A remembered token is still refused once it expires, and is forgotten within
 * five minutes, so a change of signing key takes effect then.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokens extends JWTCallerPrincipalFactory {

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Cache<String, JWTCallerPrincipal> verified = Caffeine.newBuilder()
            // Upkeep (eviction, expiry) on the caller's thread, not the common pool: no wake-up of another thread per
            // few reads on the event loop (bench/RESULTS.md, session 6).
            .executor(Runnable::run)
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JWTCallerPrincipal principal = verified.getIfPresent(token);
        if (principal != null && principal.getExpirationTime() > System.currentTimeMillis() / 1000) {
            return principal;
        }
        principal = verifier.parse(token, authContextInfo);
        verified.put(token, principal);
        return principal;
    }
}

package ai.platform.gateway.limits;

import ai.platform.gateway.GatewayConfig;
import ai.platform.gateway.auth.Authenticator;
import ai.platform.gateway.http.Problems;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token bucket per identity (Bucket4j), so one busy client cannot starve the others. Buckets of identities
 * that went quiet are dropped (Caffeine), so memory follows the active users, not all users ever seen.
 */
@Singleton
public class RateLimiter implements Handler<RoutingContext> {

    private final GatewayConfig.RateLimit limits;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            // Upkeep (eviction, expiry) on the caller's thread, not the common pool: no wake-up of another thread per
            // few reads on the event loop (bench/RESULTS.md, session 6).
            .executor(Runnable::run)
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    public RateLimiter(GatewayConfig config) {
        this.limits = config.rateLimit();
    }

    @Override
    public void handle(RoutingContext rc) {
        if (!limits.enabled()) {
            rc.next();
            return;
        }
        JsonWebToken token = rc.get(Authenticator.TOKEN);
        Bucket bucket = buckets.get(token.getSubject() == null ? token.getName() : token.getSubject(),
                identity -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            rc.response().putHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            rc.next();
            return;
        }
        long retryAfterSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        rc.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        Problems.send(rc, 429, "rate-limited", "Too Many Requests",
                "More than " + limits.requestsPerSecond() + " requests per second (burst " + limits.burst()
                        + "); retry after " + retryAfterSeconds + " s");
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limits.burst())
                        .refillGreedy(limits.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
    }
}

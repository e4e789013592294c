package ai.platform.support.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * A token that fails verification is refused on the HTTP layer, before any REST code runs; this answers such a
 * refusal with the same problem document the REST layer gives for a missing token.
 */
@Singleton
public class AuthenticationFailures {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.failure() instanceof AuthenticationFailedException && !rc.response().headWritten()) {
                JsonObject problem = new JsonObject()
                        .put("type", "urn:ai-platform:problem:unauthenticated")
                        .put("title", "Unauthorized")
                        .put("status", 401)
                        .put("detail", "The bearer token is invalid, expired or not signed by this platform")
                        .put("instance", rc.request().path());
                rc.response().setStatusCode(401)
                        .putHeader("Content-Type", "application/problem+json")
                        .putHeader("WWW-Authenticate", "Bearer")
                        .end(problem.toBuffer());
            } else {
                rc.next();
            }
        });
    }
}

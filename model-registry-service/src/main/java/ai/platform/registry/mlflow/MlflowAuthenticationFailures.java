package ai.platform.registry.mlflow;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * A token that fails verification (expired, badly signed) is refused on the HTTP layer, before any REST code runs,
 * so {@link MlflowErrors} never sees that refusal. On the MLflow paths this answers it in MLflow's shape
 * ({@code {"error_code": "UNAUTHENTICATED", "message"}}), as a missing token already is.
 *
 * <p>The platform's own handler (platform-support's {@code AuthenticationFailures}) sits at the first route order
 * too; routes of equal order run in the order they were added, and this observer's priority adds this one
 * first. Every other path, and every other failure, goes on to the platform's handlers unchanged.
 */
@Singleton
public class MlflowAuthenticationFailures {

    void install(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Router router) {
        router.route(MlflowErrors.PREFIX + "/*").order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.failure() instanceof AuthenticationFailedException && !rc.response().headWritten()) {
                JsonObject error = new JsonObject()
                        .put("error_code", ErrorCode.UNAUTHENTICATED.name())
                        .put("message", "The bearer token is invalid, expired or not signed by this platform");
                rc.response().setStatusCode(401)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("WWW-Authenticate", "Bearer")
                        .end(error.toBuffer());
            } else {
                rc.next();
            }
        });
    }
}

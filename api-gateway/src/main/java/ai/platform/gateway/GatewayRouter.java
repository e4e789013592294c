package ai.platform.gateway;

import ai.platform.gateway.auth.Authenticator;
import ai.platform.gateway.http.RequestIds;
import ai.platform.gateway.limits.RateLimiter;
import ai.platform.gateway.openapi.OpenApiCatalog;
import ai.platform.gateway.routing.ProxyHandler;
import ai.platform.gateway.status.StatusHandler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The gateway's request pipeline, in order: request id, token check, rate limit, then either the gateway's own
 * status page or the proxy to the service owning the path. {@code /openapi.json} and {@code /q/*} are public.
 */
@Singleton
public class GatewayRouter {

    void install(@Observes Router router, Authenticator authenticator, RateLimiter rateLimiter,
            StatusHandler status, OpenApiCatalog catalog, ProxyHandler proxy) {
        router.route().order(-100).handler(RequestIds::assign);
        router.get("/openapi.json").handler(catalog);
        router.route("/api/*").handler(authenticator).handler(rateLimiter);
        router.route(HttpMethod.GET, "/api/v2/status").handler(status);
        router.route("/api/*").handler(proxy);
    }
}

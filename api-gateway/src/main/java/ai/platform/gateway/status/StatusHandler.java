package ai.platform.gateway.status;

import ai.platform.gateway.routing.ServiceRoutes;
import ai.platform.gateway.routing.Upstream;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code GET /api/v2/status}: each service's readiness and version as the gateway sees them right now (asked in
 * parallel, each bounded by the probe timeout), so one dead service cannot stall the page.
 */
@Singleton
public class StatusHandler implements Handler<RoutingContext> {

    private final ServiceRoutes routes;
    private final ServiceProbe probe;

    public StatusHandler(ServiceRoutes routes, ServiceProbe probe) {
        this.routes = routes;
        this.probe = probe;
    }

    @Override
    public void handle(RoutingContext rc) {
        List<Future<JsonObject>> checks = routes.upstreams().stream().map(this::check).toList();
        Future.join(checks).onComplete(done -> {
            JsonArray services = new JsonArray();
            checks.forEach(check -> services.add(check.result()));
            boolean allReady = services.stream().allMatch(s -> ((JsonObject) s).getBoolean("ready"));
            JsonObject body = new JsonObject()
                    .put("status", allReady ? "UP" : "DEGRADED")
                    .put("services", services);
            rc.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
        });
    }

    /** Never fails: an unreachable service is reported as not ready, with the reason. */
    private Future<JsonObject> check(Upstream upstream) {
        long started = System.nanoTime();
        Future<JsonObject> health = probe.get(upstream, "/q/health/ready").map(response -> {
            JsonObject body = response.bodyAsJsonObject();
            return new JsonObject()
                    .put("ready", response.statusCode() == 200)
                    .put("status", body == null ? "DOWN" : body.getString("status", "DOWN"))
                    .put("checks", body == null ? new JsonArray() : body.getJsonArray("checks", new JsonArray()));
        });
        Future<String> version = probe.getJson(upstream, "/q/info")
                .map(info -> info.getJsonObject("build", new JsonObject()).getString("version"))
                .otherwise((String) null);
        return Future.join(health, version).transform(done -> {
            JsonObject result = new JsonObject()
                    .put("name", upstream.name())
                    .put("url", upstream.url().toString())
                    .put("prefixes", new JsonArray(upstream.prefixes()));
            if (health.succeeded()) {
                result.mergeIn(health.result());
            } else {
                result.put("ready", false).put("status", "UNREACHABLE")
                        .put("error", health.cause().getMessage());
            }
            result.put("version", version.result())
                    .put("latency_ms", (System.nanoTime() - started) / 1_000_000);
            return Future.succeededFuture(result);
        });
    }
}

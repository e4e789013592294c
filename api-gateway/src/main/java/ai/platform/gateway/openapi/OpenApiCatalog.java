package ai.platform.gateway.openapi;

import ai.platform.gateway.GatewayConfig;
import ai.platform.gateway.routing.ServiceRoutes;
import ai.platform.gateway.routing.Upstream;
import ai.platform.gateway.status.ServiceProbe;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One OpenAPI document for the whole API: the services' own documents, fetched in the background and merged.
 * Clients get the cached merge at once; a service that was down is picked up on the next refresh after it
 * comes back, and until then its last known document (if any) stays in.
 */
@Singleton
public class OpenApiCatalog implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(OpenApiCatalog.class);
    private static final long MISSING_RETRY_MILLIS = 1000;

    private final ServiceRoutes routes;
    private final ServiceProbe probe;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final Map<String, JsonObject> documents = new ConcurrentHashMap<>();
    private volatile Buffer merged;

    public OpenApiCatalog(ServiceRoutes routes, ServiceProbe probe, GatewayConfig config, Vertx vertx) {
        this.routes = routes;
        this.probe = probe;
        this.config = config;
        this.vertx = vertx;
        this.merged = OpenApiMerger.merge(Map.of()).toBuffer();
    }

    void start(@Observes StartupEvent event) {
        refreshAndReschedule();
    }

    /**
     * Refreshes now, then again after the refresh interval, or after one second while a service's document is
     * still missing: services that start after the gateway appear in the document as soon as they are up.
     */
    private void refreshAndReschedule() {
        refresh().onComplete(done -> {
            boolean complete = documents.keySet().containsAll(routes.upstreams().stream().map(Upstream::name).toList());
            long next = complete ? config.catalog().refreshInterval().toMillis() : MISSING_RETRY_MILLIS;
            vertx.setTimer(next, id -> refreshAndReschedule());
        });
    }

    /** Fetches every service's document; rebuilds the merge only when one of them changed. */
    public Future<Void> refresh() {
        List<Future<Boolean>> fetches = routes.upstreams().stream().map(this::fetch).toList();
        return Future.join(fetches).transform(done -> {
            if (fetches.stream().anyMatch(f -> f.succeeded() && f.result())) {
                Map<String, JsonObject> ordered = new LinkedHashMap<>();
                routes.upstreams().forEach(u -> {
                    if (documents.containsKey(u.name())) {
                        ordered.put(u.name(), documents.get(u.name()));
                    }
                });
                merged = OpenApiMerger.merge(ordered).toBuffer();
                LOG.debugf("Merged the OpenAPI documents of %s", ordered.keySet());
            }
            return Future.succeededFuture();
        });
    }

    /** True when the service's document is new or changed. */
    private Future<Boolean> fetch(Upstream upstream) {
        return probe.get(upstream, "/q/openapi?format=json").map(response -> {
            if (response.statusCode() != 200) {
                return false;
            }
            JsonObject document = response.bodyAsJsonObject();
            JsonObject previous = documents.put(upstream.name(), document);
            return !document.equals(previous);
        });
    }

    @Override
    public void handle(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/json").end(merged);
    }
}

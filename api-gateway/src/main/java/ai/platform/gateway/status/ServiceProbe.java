package ai.platform.gateway.status;

import ai.platform.gateway.GatewayConfig;
import ai.platform.gateway.routing.Upstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** Asks a service about itself over its management endpoints ({@code /q/...}), with a short timeout. */
@Singleton
public class ServiceProbe {

    private final WebClient client;
    private final long timeoutMillis;

    public ServiceProbe(Vertx vertx, GatewayConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.catalog().probeTimeout().toMillis()));
        this.timeoutMillis = config.catalog().probeTimeout().toMillis();
    }

    /** The JSON body of {@code GET path}, whatever the status (readiness answers 503 with a body when down). */
    public Future<HttpResponse<io.vertx.core.buffer.Buffer>> get(Upstream upstream, String path) {
        return client.get(upstream.port(), upstream.host(), path)
                .ssl(upstream.secure())
                .timeout(timeoutMillis)
                .putHeader("Accept", "application/json")
                .send();
    }

    public Future<JsonObject> getJson(Upstream upstream, String path) {
        return get(upstream, path).map(response -> {
            JsonObject body = response.bodyAsJsonObject();
            return body == null ? new JsonObject() : body;
        });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}

package ai.platform.gateway;

import ai.platform.testing.TestServers;
import ai.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP servers standing in the services' places: each answers with what it received (method, path, query,
 * headers, body size and sha256, computed as the body streams in, and the gateway connection's port), streams large downloads, answers late on
 * request, and serves the management endpoints the gateway reads. One more service points at a closed port.
 */
public class UpstreamServers implements QuarkusTestResourceLifecycleManager {

    static final List<String> SERVICES = List.of("feature-store", "models", "lineage", "notebooks", "quality");
    static final Map<String, String> PREFIXES = Map.of(
            "feature-store", "/api/v2/feature-store",
            "models", "/api/v2/models,/api/2.0/mlflow",
            "lineage", "/api/v2/lineage",
            "notebooks", "/api/v2/notebooks",
            "quality", "/api/v2/data/quality");
    static final long SLOW_TIMEOUT_MILLIS = 800;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            int port = listen(service);
            config.put("gateway.services." + service + ".url", "http://127.0.0.1:" + port);
            config.put("gateway.services." + service + ".prefixes", PREFIXES.get(service));
        }
        config.put("gateway.services.lineage.timeout", SLOW_TIMEOUT_MILLIS + "ms");
        config.put("gateway.services.unreachable.url", "http://127.0.0.1:" + TestServers.freePort());
        config.put("gateway.services.unreachable.prefixes", "/api/v2/unreachable");
        config.put("gateway.rate-limit.requests-per-second", "5");
        config.put("gateway.rate-limit.burst", "20");
        config.put("gateway.catalog.refresh-interval", "1s");
        config.put("gateway.catalog.probe-timeout", "500ms");
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation());
        return config;
    }

    private int listen(String service) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> handle(service, request));
        try {
            return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the " + service + " upstream", e);
        }
    }

    private void handle(String service, HttpServerRequest request) {
        String path = request.path();
        switch (path) {
            case "/q/health/ready" -> json(request, 200, new JsonObject().put("status", "UP")
                    .put("checks", new JsonArray()));
            case "/q/info" -> json(request, 200, new JsonObject().put("build", new JsonObject()
                    .put("version", "2.1.0-test").put("artifact", service)));
            case "/q/openapi" -> json(request, 200, openApi(service));
            default -> {
                if (path.endsWith("/slow")) {
                    vertx.setTimer(SLOW_TIMEOUT_MILLIS * 3, t -> json(request, 200, new JsonObject()));
                } else if (path.endsWith("/download")) {
                    download(request, Long.parseLong(request.getParam("bytes")), request.getParam("sized") != null);
                } else if (path.endsWith("/hop-by-hop")) {
                    // Headers meant for the gateway's hop alone: named in Connection, and a fixed hop-by-hop one.
                    request.response().putHeader("Connection", "X-Upstream-Hop")
                            .putHeader("X-Upstream-Hop", "for the gateway only")
                            .putHeader("Proxy-Authenticate", "Basic")
                            .putHeader("X-End-To-End", "for the client");
                    echo(service, request);
                } else {
                    echo(service, request);
                }
            }
        }
    }

    /** Answers with a digest of the body, computed chunk by chunk as it arrives. */
    private static void echo(String service, HttpServerRequest request) {
        MessageDigest sha256 = sha256();
        long[] size = {0};
        request.handler(chunk -> {
            sha256.update(chunk.getBytes());
            size[0] += chunk.length();
        });
        request.endHandler(end -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            JsonObject body = new JsonObject()
                    .put("service", service)
                    .put("method", request.method().name())
                    .put("path", request.path())
                    .put("query", request.query())
                    .put("headers", headers)
                    .put("body_bytes", size[0])
                    .put("body_sha256", HexFormat.of().formatHex(sha256.digest()))
                    // Which of the gateway's connections the request came on.
                    .put("peer_port", request.remoteAddress().port());
            String forwardedHost = request.getHeader("X-Forwarded-Host");
            request.response().putHeader("Location", "http://" + forwardedHost + request.path() + "/created");
            json(request, "POST".equals(request.method().name()) ? 201 : 200, body);
        });
    }

    /**
     * Streams {@code bytes} bytes of a repeating pattern, honouring back-pressure: chunked, or with its length
     * announced when {@code sized}.
     */
    private static void download(HttpServerRequest request, long bytes, boolean sized) {
        var response = request.response().putHeader("Content-Type", "application/octet-stream");
        if (sized) {
            response.putHeader("Content-Length", Long.toString(bytes));
        } else {
            response.setChunked(true);
        }
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        for (int i = 0; i < chunk.length(); i++) {
            chunk.setByte(i, (byte) (i % 251));
        }
        long[] sent = {0};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (sent[0] < bytes && !response.writeQueueFull()) {
                int n = (int) Math.min(chunk.length(), bytes - sent[0]);
                response.write(n == chunk.length() ? chunk : chunk.getBuffer(0, n));
                sent[0] += n;
            }
            if (sent[0] >= bytes) {
                response.end();
            } else {
                response.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    private static JsonObject openApi(String service) {
        String prefix = PREFIXES.get(service).split(",")[0];
        JsonObject schemaRef = new JsonObject().put("$ref", "#/components/schemas/Thing");
        JsonObject ok = new JsonObject().put("content",
                new JsonObject().put("application/json", new JsonObject().put("schema", schemaRef)));
        JsonObject get = new JsonObject().put("responses", new JsonObject().put("200", ok));
        JsonObject schemas = new JsonObject()
                .put("Thing", new JsonObject().put("type", "object").put("description", service))
                .put("Problem", new JsonObject().put("type", "object"));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("paths", new JsonObject().put(prefix + "/things", new JsonObject().put("get", get)))
                .put("components", new JsonObject().put("schemas", schemas));
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toBuffer());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        vertx.close();
    }
}

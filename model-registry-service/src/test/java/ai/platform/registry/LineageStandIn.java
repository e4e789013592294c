package ai.platform.registry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server in the lineage service's place for the registry's tests: it takes OpenLineage batches on
 * the lineage service's path, records them with the Authorization header they came with, and can be told to
 * refuse the next few with 503, as a lineage service that is down would. As the real service, it refuses a whole
 * batch with 400 when one of its events lacks {@code eventTime} or {@code producer}; and it answers 503 to any
 * batch holding an event of a job named in {@link #UNAVAILABLE_JOBS}, an outage that lasts for those events only.
 */
public class LineageStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "registry-service-token";
    public static final List<JsonObject> RECEIVED = new CopyOnWriteArrayList<>();
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    public static final AtomicInteger REFUSE_NEXT = new AtomicInteger();
    public static final Set<String> UNAVAILABLE_JOBS = ConcurrentHashMap.newKeySet();
    /** Every batch that was answered 400, as the events it held. */
    public static final List<JsonArray> REFUSED = new CopyOnWriteArrayList<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int port;
        try {
            port = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                if (!"/api/v2/lineage/openlineage".equals(request.path())) {
                    request.response().setStatusCode(404).end();
                    return;
                }
                JsonArray events = new JsonArray(body);
                if (events.stream().map(JsonObject.class::cast)
                        .anyMatch(event -> !event.containsKey("eventTime") || !event.containsKey("producer"))) {
                    REFUSED.add(events);
                    request.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                            .end("{\"status\": 400, \"title\": \"Bad Request\"}");
                } else if (events.stream().map(JsonObject.class::cast).anyMatch(event -> event.containsKey("job")
                        && UNAVAILABLE_JOBS.contains(event.getJsonObject("job").getString("name")))
                        || REFUSE_NEXT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    request.response().setStatusCode(503).end();
                } else {
                    AUTHORIZATIONS.add(request.getHeader("Authorization"));
                    events.forEach(event -> RECEIVED.add((JsonObject) event));
                    request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                            .end("{}");
                }
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the lineage stand-in", e);
        }
        return Map.of("quarkus.rest-client.lineage.url", "http://127.0.0.1:" + port,
                "registry.lineage.token", TOKEN,
                "registry.lineage.interval", "100ms");
    }

    @Override
    public void stop() {
        vertx.close();
    }
}

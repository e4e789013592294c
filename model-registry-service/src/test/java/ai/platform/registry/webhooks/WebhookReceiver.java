package ai.platform.registry.webhooks;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server receiving webhook deliveries in tests: it keeps every request by path (headers, raw body,
 * arrival time) and can be told to refuse the next few on a path with 503, as a receiver that is down would.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(MultiMap headers, byte[] body, long arrivedAtMillis) {

        JsonObject json() {
            return new JsonObject(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final int port;

    WebhookReceiver() throws Exception {
        port = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.computeIfAbsent(request.path(), p -> new CopyOnWriteArrayList<>())
                    .add(new Received(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.getBytes(),
                            System.currentTimeMillis()));
            AtomicInteger refuse = refusals.get(request.path());
            boolean refused = refuse != null && refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            request.response().setStatusCode(refused ? 503 : 200).end(refused ? "down for maintenance" : "ok");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void refuseNext(String path, int times) {
        refusals.put(path, new AtomicInteger(times));
    }

    List<Received> received(String path) {
        return received.getOrDefault(path, List.of());
    }

    /** Waits (polling, with a deadline) until {@code count} requests reached {@code path}. */
    List<Received> await(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received(path).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " got " + received(path).size() + " of " + count
                        + " requests within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return received(path);
    }

    @Override
    public void close() {
        vertx.close();
    }
}

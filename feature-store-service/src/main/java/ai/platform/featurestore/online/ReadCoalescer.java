package ai.platform.featurestore.online;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the reads that requests make during one turn of an event loop as one pipelined batch. Under load an event
 * loop reads several HTTP requests per turn; with a batch of its own each, every one was a write to Redis and a
 * wake-up of Redis. Measured (one-entity reads at saturation, same run): Redis's CPU per read fell 2.7-fold and the
 * service served 16-30% more. A read waits for nothing: the batch leaves at the end of the turn it was asked in.
 *
 * <p>Redis answers the batch in order, so each read gets its own slice. If the batch fails (one command's error
 * fails a whole batch in the client), each read is sent again alone, so that one request's failure is not another's.
 */
final class ReadCoalescer {

    private record Waiter(int from, int count, Promise<List<Response>> promise) {
    }

    private static final class Turn {
        final List<Request> requests = new ArrayList<>();
        final List<Waiter> waiters = new ArrayList<>();
    }

    private final Redis redis;
    private final EventLoopConnections connections;
    private final ThreadLocal<Turn> pending = new ThreadLocal<>();

    ReadCoalescer(Redis redis, EventLoopConnections connections) {
        this.redis = redis;
        this.connections = connections;
    }

    Future<List<Response>> batch(List<Request> batch) {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            return redis.batch(batch);
        }
        Turn turn = pending.get();
        if (turn == null) {
            Turn fresh = new Turn();
            pending.set(fresh);
            turn = fresh;
            context.runOnContext(ignored -> {
                pending.remove();
                flush(fresh);
            });
        }
        Promise<List<Response>> promise = Promise.promise();
        turn.waiters.add(new Waiter(turn.requests.size(), batch.size(), promise));
        turn.requests.addAll(batch);
        return promise.future();
    }

    private void flush(Turn turn) {
        if (turn.waiters.size() == 1) {
            connections.batch(turn.requests, redis).onComplete(turn.waiters.get(0).promise);
            return;
        }
        connections.batch(turn.requests, redis).onComplete(done -> {
            for (Waiter waiter : turn.waiters) {
                if (done.succeeded()) {
                    waiter.promise.complete(done.result().subList(waiter.from, waiter.from + waiter.count));
                } else {
                    redis.batch(turn.requests.subList(waiter.from, waiter.from + waiter.count))
                            .onComplete(waiter.promise);
                }
            }
        });
    }
}

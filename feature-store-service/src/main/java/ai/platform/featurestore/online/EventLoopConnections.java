package ai.platform.featurestore.online;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Redis connection per event loop, opened on that loop, for the online reads.
 *
 * <p>Why: the Vert.x Redis client (4.5) opens every pooled connection on the one event loop it was created on, so a
 * read arriving on any other loop had its command handed to that loop and its answer handed back: two cross-thread
 * wake-ups and task switches per request. With a connection of its own, each loop reads the request, sends to Redis,
 * reads the answer and writes the response on one thread. Measured at 5,000 one-entity reads/s (CPU profile of the
 * service, four event loops): the eventfd wake-ups gone, 6% fewer CPU samples; see bench/RESULTS.md.
 *
 * <p>A loop's connection is opened on its first read (that read, and any while it connects, go through the shared
 * pooled client) and dropped when it fails or closes; the next read opens it again. Reads pipeline on it: Redis
 * answers in order.
 */
@Singleton // a customizer: created while the Redis client is, so it takes no beans (Vertx is not ready then)
public class EventLoopConnections implements RedisOptionsCustomizer {

    /** A loop's state: its client (whose pool is that one connection) and the connection once open. */
    private static final class Local {
        Redis client;
        RedisConnection connection;
        boolean connecting;
        /** After a failed open, when to try again (System.nanoTime()): a Redis that is down is not asked per read. */
        long retryAt = System.nanoTime();
    }

    private static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ThreadLocal<Local> local = ThreadLocal.withInitial(Local::new);
    /** Every loop's client, to close at shutdown. */
    private final Queue<Redis> clients = new ConcurrentLinkedQueue<>();
    /** The default client's final options, as Quarkus built them from the configuration (hosts, TLS, password). */
    private volatile RedisOptions options;

    @Override
    public void customize(String clientName, RedisOptions built) {
        if (RedisConfig.DEFAULT_CLIENT_NAME.equals(clientName)) {
            options = new RedisOptions(built).setMaxPoolSize(1).setPoolName(clientName + "-event-loop");
        }
    }

    /**
     * Sends the batch on the current event loop's own connection, or through {@code shared} while that connection
     * is not open (or off an event loop).
     */
    Future<List<Response>> batch(List<Request> batch, Redis shared) {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext() || options == null) {
            return shared.batch(batch);
        }
        Local mine = local.get();
        if (mine.connection != null) {
            return mine.connection.batch(batch);
        }
        if (!mine.connecting && System.nanoTime() - mine.retryAt >= 0) {
            open(mine, context);
        }
        return shared.batch(batch);
    }

    /** Whether the current event loop's own connection is open (for tests). */
    boolean openOnThisLoop() {
        return local.get().connection != null;
    }

    private void open(Local mine, Context context) {
        mine.connecting = true;
        if (mine.client == null) {
            // A client opens its connections on the context it was created on: this loop's own context, not the
            // request's (which would stay referenced with the request's local data for the client's life).
            ContextInternal loop = ((ContextInternal) context).unwrap();
            loop.dispatch(() -> mine.client = Redis.createClient(loop.owner(), options));
            clients.add(mine.client);
        }
        mine.client.connect().onComplete(opened -> {
            mine.connecting = false;
            if (opened.failed()) {
                mine.retryAt = System.nanoTime() + RETRY_AFTER_NANOS;
                return;
            }
            RedisConnection connection = opened.result();
            Runnable drop = () -> {
                if (mine.connection == connection) {
                    mine.connection = null;
                    connection.close();
                }
            };
            connection.exceptionHandler(failure -> drop.run());
            connection.endHandler(ended -> drop.run());
            mine.connection = connection;
        });
    }

    @PreDestroy
    void close() {
        clients.forEach(Redis::close);
    }
}

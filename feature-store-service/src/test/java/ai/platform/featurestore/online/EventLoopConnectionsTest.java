package ai.platform.featurestore.online;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class EventLoopConnectionsTest {

    @Inject
    Vertx vertx;
    @Inject
    io.vertx.mutiny.redis.client.Redis mutinyRedis;
    @Inject
    EventLoopConnections connections;

    @Test
    void aLoopReadsOnItsOwnConnectionAndOpensAnotherWhenItIsKilled() throws Exception {
        Redis shared = mutinyRedis.getDelegate();
        Context loop = vertx.getOrCreateContext();

        long first = openAndServe(loop, shared);
        assertEquals(first, clientId(loop, shared), "the next read goes through the same connection");

        shared.send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(first))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        long second = openAndServe(loop, shared);
        assertNotEquals(first, second, "a killed connection is replaced");
    }

    @Test
    void eachLoopHasAConnectionOfItsOwn() throws Exception {
        Redis shared = mutinyRedis.getDelegate();
        // New event-loop contexts take the event loops in turn: these two run on different threads.
        Context one = ((VertxInternal) vertx).createEventLoopContext();
        Context other = ((VertxInternal) vertx).createEventLoopContext();
        assertNotEquals(onLoop(one, () -> Future.succeededFuture(Thread.currentThread().getName())),
                onLoop(other, () -> Future.succeededFuture(Thread.currentThread().getName())));
        assertNotEquals(openAndServe(one, shared), openAndServe(other, shared));
    }

    /** Reads on the loop until its own connection is open; then the id of the connection that serves a read. */
    private long openAndServe(Context loop, Redis shared) throws Exception {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> onLoop(loop, () -> clientIdFuture(shared).map(id -> connections.openOnThisLoop())));
        return clientId(loop, shared);
    }

    private long clientId(Context loop, Redis shared) throws Exception {
        return onLoop(loop, () -> clientIdFuture(shared));
    }

    private Future<Long> clientIdFuture(Redis shared) {
        return connections.batch(List.of(Request.cmd(Command.CLIENT).arg("ID")), shared)
                .map((List<Response> answers) -> answers.get(0).toLong());
    }

    private static <T> T onLoop(Context loop, Supplier<Future<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(ignored -> work.get().onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                result.completeExceptionally(done.cause());
            }
        }));
        return result.get(10, TimeUnit.SECONDS);
    }
}

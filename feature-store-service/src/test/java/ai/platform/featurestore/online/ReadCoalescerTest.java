package ai.platform.featurestore.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.platform.testing.ServiceTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestResources.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class ReadCoalescerTest {

    @Inject
    Vertx vertx;
    @Inject
    io.vertx.mutiny.redis.client.Redis mutinyRedis;
    @Inject
    EventLoopConnections connections;

    @Test
    void readsAskedInOneTurnGetTheirOwnAnswersAndOneFailureStaysItsOwn() throws Exception {
        Redis redis = mutinyRedis.getDelegate();
        String prefix = "coalescer-test:" + UUID.randomUUID() + ":";
        for (int i = 0; i < 3; i++) {
            redis.send(Request.cmd(Command.HSET).arg(prefix + i).arg("f").arg("v" + i))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        redis.send(Request.cmd(Command.SET).arg(prefix + "string").arg("not a hash"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ReadCoalescer reads = new ReadCoalescer(redis, connections);
        CompletableFuture<List<Future<List<Response>>>> asked = new CompletableFuture<>();
        // All in one task of one event loop, as the requests an event loop reads in one turn.
        vertx.getOrCreateContext().runOnContext(ignored -> {
            List<Future<List<Response>>> answers = new ArrayList<>();
            answers.add(reads.batch(List.of(hmget(prefix + 0), hmget(prefix + 1))));
            answers.add(reads.batch(List.of(hmget(prefix + "string"))));
            answers.add(reads.batch(List.of(hmget(prefix + 2), hmget(prefix + "missing"))));
            asked.complete(answers);
        });
        List<Future<List<Response>>> answers = asked.get(10, TimeUnit.SECONDS);
        for (Future<List<Response>> answer : answers) {
            answer.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        }

        List<Response> first = answers.get(0).result();
        assertEquals(2, first.size());
        assertEquals("v0", first.get(0).get(0).toString());
        assertEquals("v1", first.get(1).get(0).toString());
        assertTrue(answers.get(1).failed(), "HMGET of a string is refused");
        assertTrue(answers.get(1).cause().getMessage().contains("WRONGTYPE"), answers.get(1).cause().getMessage());
        List<Response> third = answers.get(2).result();
        assertEquals("v2", third.get(0).get(0).toString());
        assertEquals(null, third.get(1).get(0), "a missing key's field");
    }

    private static Request hmget(String key) {
        return Request.cmd(Command.HMGET).arg(key).arg("f");
    }
}

package ai.platform.featurestore.online;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads and writes the online store (Redis, layout in {@link OnlineKeys}). Every call is one pipelined batch:
 * one network round trip whatever the number of entities and features.
 */
@ApplicationScoped
public class OnlineStore {

    /**
     * Writes each feature only if its stored event time is not newer (an older event never overwrites a newer
     * one; the same event again changes nothing). With a ttl, Redis drops a key two ttls after its newest value's
     * event time: reads apply the ttl themselves (EXPIRED) for a while before the memory is reclaimed.
     *
     * <p>One call writes several keys, which spreads the cost of a script call (measured: 38 us a call of one key
     * of 10 features, most of a materialization's time). ARGV: ttl (ms, 0 for none), then per key in KEYS order:
     * its feature count n, n pairs (field, stored value; see {@link OnlineKeys}) and the n event times in ms. The
     * pairs are the arguments of its HSET as they are when every feature is newer, the usual case.
     */
    private static final String WRITE_NEWER = """
            local ttl = tonumber(ARGV[1])
            local a = 2
            local written = 0
            for k = 1, #KEYS do
              local key = KEYS[k]
              local n = tonumber(ARGV[a])
              local pairs_at = a + 1
              local times_at = pairs_at + 2 * n
              local names = {}
              for j = 1, n do names[j] = ARGV[pairs_at + 2 * (j - 1)] end
              local current = redis.call('HMGET', key, unpack(names))
              local fresh = {}
              local count = 0
              local newest = nil
              for j = 1, n do
                local ts = tonumber(ARGV[times_at + j - 1])
                local stored = current[j]
                if not stored or tonumber(string.sub(stored, 1, string.find(stored, '|', 1, true) - 1)) <= ts then
                  fresh[j] = true
                  count = count + 1
                  if not newest or ts > newest then newest = ts end
                end
              end
              if count == n then
                redis.call('HSET', key, unpack(ARGV, pairs_at, times_at - 1))
              elseif count > 0 then
                local updates = {}
                for j = 1, n do
                  if fresh[j] then
                    updates[#updates + 1] = ARGV[pairs_at + 2 * (j - 1)]
                    updates[#updates + 1] = ARGV[pairs_at + 2 * (j - 1) + 1]
                  end
                end
                redis.call('HSET', key, unpack(updates))
              end
              if count > 0 and ttl > 0 then
                local expiry = newest + 2 * ttl
                if redis.call('PEXPIRETIME', key) < expiry then
                  redis.call('PEXPIREAT', key, expiry)
                end
              end
              written = written + count
              a = times_at + n
            end
            return written
            """;
    /**
     * Feature values per script call (and at most {@link #KEYS_PER_CALL} keys): more spreads the call's cost
     * further, but Redis serves nothing else while a call runs (320 values: about half a millisecond). Calls of
     * several keys need a standalone Redis (or one hash slot): a Redis Cluster would refuse them (CROSSSLOT).
     */
    private static final int VALUES_PER_CALL = 320;
    private static final int KEYS_PER_CALL = 32;
    /** Sent instead of the script's text (1.5 KB a call), which Redis keeps once loaded. */
    private static final String WRITE_NEWER_SHA = sha1Hex(WRITE_NEWER);

    /** A feature's value (as JSON) at its event time. */
    public record Value(String name, String json, long eventTimeMillis) {
    }

    /** One entity's values to write under its Redis key. */
    public record Write(String key, List<Value> values) {
    }

    private final Redis redis;

    private final ReadCoalescer reads;
    /**
     * How long a call waits for Redis. The Redis client waits for ever: a Redis that stops answering (a paused
     * server, a network path gone silent) or an answer the client loses (seen once in a test: an exception inside
     * the client's batch callback left the batch's future unresolved) held the request open with it. Past this, a
     * read is a 503 and an ingest's online write is pending, as when Redis is down; a write that lands late is
     * harmless, as writes are newer-wins.
     */
    private final Duration timeout;

    public OnlineStore(Redis redis, EventLoopConnections connections,
            @ConfigProperty(name = "feature-store.online.timeout", defaultValue = "5s") Duration timeout) {
        this.redis = redis;
        this.reads = new ReadCoalescer(redis.getDelegate(), connections);
        this.timeout = timeout;
    }

    /**
     * Writes the rows in one pipelined batch. The script is called by its digest; when Redis does not know it
     * (a new or restarted server) it is loaded and the batch sent again, which is safe because writes are
     * newer-wins and so idempotent.
     */
    public Uni<Void> write(List<Write> rows, long ttlMillis) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> batch = new ArrayList<>();
        List<Write> call = new ArrayList<>(KEYS_PER_CALL);
        int values = 0;
        for (Write row : rows) {
            if (row.values().isEmpty()) {
                continue;
            }
            if (!call.isEmpty() && (call.size() == KEYS_PER_CALL || values + row.values().size() > VALUES_PER_CALL)) {
                batch.add(writeCall(call, ttlMillis));
                call.clear();
                values = 0;
            }
            call.add(row);
            values += row.values().size();
        }
        if (!call.isEmpty()) {
            batch.add(writeCall(call, ttlMillis));
        }
        return bounded(redis.batch(batch).replaceWithVoid()
                .onFailure(OnlineStore::isUnknownScript).recoverWithUni(() -> redis
                        .send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(WRITE_NEWER))
                        .flatMap(loaded -> redis.batch(batch)).replaceWithVoid()));
    }

    private <T> Uni<T> bounded(Uni<T> call) {
        return call.ifNoItem().after(timeout).failWith(() -> new TimeoutException(
                "The online store did not answer within " + timeout.toMillis() + " ms"));
    }

    private static Request writeCall(List<Write> keys, long ttlMillis) {
        Request call = Request.cmd(Command.EVALSHA).arg(WRITE_NEWER_SHA).arg(keys.size());
        keys.forEach(row -> call.arg(row.key()));
        call.arg(ttlMillis);
        for (Write row : keys) {
            call.arg(row.values().size());
            for (Value value : row.values()) {
                call.arg(value.name()).arg(OnlineKeys.stored(value.eventTimeMillis(), value.json()));
            }
            for (Value value : row.values()) {
                call.arg(value.eventTimeMillis());
            }
        }
        return call;
    }

    private static boolean isUnknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-1", e);
        }
    }

    /**
     * For each key, the fields asked for ({@code HMGET}), in order; a missing field is null. Uses the Redis client's
     * core API: the Mutiny API wraps every reply field (5,000 in a batch read of 100 x 50) in an object of its own.
     * The values stay in the reply's bytes: decoding each into a String, then cutting it and encoding it again
     * for the answer made most of a batch read's garbage (3.5 MB a request, allocation profile).
     */
    public Uni<List<List<OnlineKeys.StoredValue>>> read(List<String> keys, List<List<String>> fields) {
        List<io.vertx.redis.client.Request> batch = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            io.vertx.redis.client.Request get = io.vertx.redis.client.Request.cmd(
                    io.vertx.redis.client.Command.HMGET).arg(keys.get(i));
            fields.get(i).forEach(get::arg);
            batch.add(get);
        }
        return bounded(UniHelper.toUni(reads.batch(batch))).map(responses -> {
            List<List<OnlineKeys.StoredValue>> values = new ArrayList<>(responses.size());
            for (io.vertx.redis.client.Response response : responses) {
                int size = response.size();
                List<OnlineKeys.StoredValue> row = new ArrayList<>(size);
                for (int f = 0; f < size; f++) {
                    io.vertx.redis.client.Response field = response.get(f);
                    row.add(field == null ? null : OnlineKeys.parse(field.toBuffer()));
                }
                values.add(row);
            }
            return values;
        });
    }
}

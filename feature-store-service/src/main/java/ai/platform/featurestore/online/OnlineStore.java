package ai.platform.featurestore.online;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads and writes the online store (Redis, layout in {@link OnlineKeys}). Every call is one pipelined batch:
 * one network round trip whatever the number of entities and features.
 */
@ApplicationScoped
public class OnlineStore {

    /**
     * Writes each feature only if its stored event time is not newer (an older event never overwrites a newer
     * one; the same event again changes nothing). With a ttl, Redis drops the key two ttls after its newest
     * value's event time: reads apply the ttl themselves (EXPIRED) for a while before the memory is reclaimed.
     * ARGV: ttl (ms, 0 for none), then (name, value as JSON, event time in ms) for each feature.
     */
    private static final String WRITE_NEWER = """
            local ttl = tonumber(ARGV[1])
            local n = (#ARGV - 1) / 3
            local times = {}
            for j = 1, n do times[j] = 't:' .. ARGV[3 * j - 1] end
            local current = redis.call('HMGET', KEYS[1], unpack(times))
            local updates = {}
            local newest = 0
            for j = 1, n do
              local ts = tonumber(ARGV[3 * j + 1])
              if not current[j] or tonumber(current[j]) <= ts then
                local name = ARGV[3 * j - 1]
                table.insert(updates, 'v:' .. name)
                table.insert(updates, ARGV[3 * j])
                table.insert(updates, 't:' .. name)
                table.insert(updates, ARGV[3 * j + 1])
                if ts > newest then newest = ts end
              end
            end
            if #updates == 0 then return 0 end
            redis.call('HSET', KEYS[1], unpack(updates))
            if ttl > 0 then
              local expiry = newest + 2 * ttl
              if redis.call('PEXPIRETIME', KEYS[1]) < expiry then
                redis.call('PEXPIREAT', KEYS[1], expiry)
              end
            end
            return #updates / 4
            """;
    /** Sent instead of the script's text (600 bytes a row), which Redis keeps once loaded. */
    private static final String WRITE_NEWER_SHA = sha1Hex(WRITE_NEWER);

    /** A feature's value (as JSON) at its event time. */
    public record Value(String name, String json, long eventTimeMillis) {
    }

    /** One entity's values to write under its Redis key. */
    public record Write(String key, List<Value> values) {
    }

    private final Redis redis;

    public OnlineStore(Redis redis) {
        this.redis = redis;
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
        List<Request> batch = new ArrayList<>(rows.size());
        for (Write row : rows) {
            Request eval = Request.cmd(Command.EVALSHA).arg(WRITE_NEWER_SHA).arg(1).arg(row.key()).arg(ttlMillis);
            for (Value value : row.values()) {
                eval.arg(value.name()).arg(value.json()).arg(value.eventTimeMillis());
            }
            batch.add(eval);
        }
        return redis.batch(batch).replaceWithVoid()
                .onFailure(OnlineStore::isUnknownScript).recoverWithUni(() -> redis
                        .send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(WRITE_NEWER))
                        .flatMap(loaded -> redis.batch(batch)).replaceWithVoid());
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

    /** For each key, the fields asked for ({@code HMGET}), in order; a missing field is null. */
    public Uni<List<List<String>>> read(List<String> keys, List<List<String>> fields) {
        List<Request> batch = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Request get = Request.cmd(Command.HMGET).arg(keys.get(i));
            fields.get(i).forEach(get::arg);
            batch.add(get);
        }
        return redis.batch(batch).map(responses -> {
            List<List<String>> values = new ArrayList<>(responses.size());
            for (Response response : responses) {
                List<String> row = new ArrayList<>(response.size());
                for (Response field : response) {
                    row.add(field == null ? null : field.toString());
                }
                values.add(row);
            }
            return values;
        });
    }
}

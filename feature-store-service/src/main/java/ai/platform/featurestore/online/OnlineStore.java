package ai.platform.featurestore.online;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     * ARGV: event time (ms), ttl (ms, 0 for none), then name/value pairs.
     */
    private static final String WRITE_NEWER = """
            local ts = tonumber(ARGV[1])
            local written = 0
            for i = 3, #ARGV, 2 do
              local current = redis.call('HGET', KEYS[1], 't:' .. ARGV[i])
              if not current or tonumber(current) <= ts then
                redis.call('HSET', KEYS[1], 'v:' .. ARGV[i], ARGV[i + 1], 't:' .. ARGV[i], ARGV[1])
                written = written + 1
              end
            end
            local ttl = tonumber(ARGV[2])
            if ttl > 0 and written > 0 then
              local expiry = ts + 2 * ttl
              local existing = redis.call('PEXPIRETIME', KEYS[1])
              if existing < expiry then
                redis.call('PEXPIREAT', KEYS[1], expiry)
              end
            end
            return written
            """;

    /** One row to write: the Redis key, its event time and the features' JSON-encoded values. */
    public record Write(String key, long eventTimeMillis, Map<String, String> values) {
    }

    private final Redis redis;

    public OnlineStore(Redis redis) {
        this.redis = redis;
    }

    public Uni<Void> write(List<Write> rows, long ttlMillis) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> batch = new ArrayList<>(rows.size());
        for (Write row : rows) {
            Request eval = Request.cmd(Command.EVAL).arg(WRITE_NEWER).arg(1).arg(row.key())
                    .arg(row.eventTimeMillis()).arg(ttlMillis);
            row.values().forEach((name, value) -> eval.arg(name).arg(value));
            batch.add(eval);
        }
        return redis.batch(batch).replaceWithVoid();
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

package ai.platform.featurestore.monitoring;

import ai.platform.featurestore.online.OnlineKeys;
import ai.platform.featurestore.registry.GroupSchema;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Computes a group's statistics on demand from the stores themselves, so they are never stale: counts and event
 * time bounds from the offline store's indexes, null rates over the most recent {@value #SAMPLE_ROWS} rows (the
 * event-time index gives them without a scan), online keys by a SCAN of the group's key prefix, and the last
 * materialization from its records. Counting a group of tens of millions of rows takes a few seconds.
 */
@ApplicationScoped
public class GroupMonitor {

    static final int SAMPLE_ROWS = 10_000;
    private static final Logger LOG = Logger.getLogger(GroupMonitor.class);

    private final Pool pool;
    private final Redis redis;

    public GroupMonitor(Pool pool, Redis redis) {
        this.pool = pool;
        this.redis = redis;
    }

    public Uni<GroupStats> stats(GroupSchema group) {
        Uni<GroupStats.Offline> offline = offline(group);
        Uni<List<GroupStats.FeatureStats>> features = features(group);
        Uni<GroupStats.Online> online = group.online() ? onlineKeys(group) : Uni.createFrom().nullItem();
        Uni<GroupStats.Materialization> materialization = materialization(group);
        return Uni.combine().all().unis(offline, features, online, materialization)
                .with((o, f, on, m) -> new GroupStats(group.id(), group.name(), o, on, f, m));
    }

    private Uni<GroupStats.Offline> offline(GroupSchema group) {
        return pool.preparedQuery("SELECT count(*), count(DISTINCT entity_key), min(event_time), max(event_time),"
                        + " extract(epoch FROM now() - max(event_time))::int8 FROM feature_rows"
                        + " WHERE feature_group_id = $1")
                .execute(Tuple.of(group.id()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new GroupStats.Offline(row.getLong(0), row.getLong(1), row.getOffsetDateTime(2),
                            row.getOffsetDateTime(3), row.getLong(4));
                });
    }

    private Uni<List<GroupStats.FeatureStats>> features(GroupSchema group) {
        return pool.preparedQuery("WITH recent AS (SELECT values FROM feature_rows WHERE feature_group_id = $1"
                        + " ORDER BY event_time DESC LIMIT $2)"
                        + " SELECT v.key, count(*), count(*) FILTER (WHERE v.value = 'null'::jsonb),"
                        + " (SELECT count(*) FROM recent) FROM recent, jsonb_each(recent.values) v GROUP BY v.key")
                .execute(Tuple.of(group.id(), SAMPLE_ROWS))
                .map(rows -> {
                    Map<String, long[]> counts = new HashMap<>();
                    long sampled = 0;
                    for (Row row : rows) {
                        counts.put(row.getString(0), new long[] {row.getLong(1), row.getLong(2)});
                        sampled = row.getLong(3);
                    }
                    List<GroupStats.FeatureStats> stats = new ArrayList<>();
                    for (var feature : group.features().entrySet()) {
                        long[] count = counts.getOrDefault(feature.getKey(), new long[] {0, 0});
                        stats.add(new GroupStats.FeatureStats(feature.getKey(), feature.getValue().toString(),
                                count[0], count[0] == 0 ? null : (double) count[1] / count[0], sampled));
                    }
                    return stats;
                });
    }

    /** Counts the group's Redis keys with SCAN (never KEYS, which would block Redis). */
    private Uni<GroupStats.Online> onlineKeys(GroupSchema group) {
        String pattern = OnlineKeys.redisKey(group.id(), "*");
        return scan("0", pattern, 0)
                .map(keys -> new GroupStats.Online(keys, true))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Could not count the online keys of %s: %s", group.name(), failure.getMessage());
                    return new GroupStats.Online(0, false);
                });
    }

    private Uni<Long> scan(String cursor, String pattern, long counted) {
        return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(10_000))
                .flatMap(page -> {
                    String next = page.get(0).toString();
                    Response keys = page.get(1);
                    long total = counted + keys.size();
                    return "0".equals(next) ? Uni.createFrom().item(total) : scan(next, pattern, total);
                });
    }

    private Uni<GroupStats.Materialization> materialization(GroupSchema group) {
        return pool.preparedQuery("SELECT m.last_run, m.status, j.id, j.error, m.watermark_time, m.catch_up_since"
                        + " FROM feature_groups g"
                        + " LEFT JOIN materializations m ON m.feature_group_id = g.id AND m.storage_type = 'online'"
                        + " LEFT JOIN LATERAL (SELECT id, error FROM materialization_jobs WHERE feature_group_id = g.id"
                        + " ORDER BY created_at DESC LIMIT 1) j ON true WHERE g.id = $1")
                .execute(Tuple.of(group.id()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime watermark = row.getOffsetDateTime(4);
                    return new GroupStats.Materialization(row.getOffsetDateTime(0), row.getString(1),
                            row.getUUID(2), row.getString(3), watermark, watermark == null ? null
                            : Duration.between(watermark, OffsetDateTime.now()).toSeconds(),
                            row.getOffsetDateTime(5));
                });
    }
}

package ai.platform.featurestore.offline;

import ai.platform.featurestore.online.OnlineKeys;
import ai.platform.featurestore.registry.FeatureSelection;
import ai.platform.featurestore.registry.GroupSchema;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Point-in-time correct feature values for label rows: for each row and feature, the newest value whose event
 * time is at or before the row's time (and, with a ttl, not older than the ttl), never one from its future.
 *
 * <p>Per group, one query does a lateral "newest row at or before t" lookup per label row (a backward scan of the
 * primary key, entity then time, that stops at the first row). A row usually carries all of a group's features;
 * when the newest one lacks some, a second query looks those up feature by feature, so values written in separate
 * rows are found too. Groups are joined in parallel.
 */
@ApplicationScoped
public class PointInTimeJoin {

    private final Pool pool;

    public PointInTimeJoin(Pool pool) {
        this.pool = pool;
    }

    /**
     * The values of the selected features for each row, in the selection's order: {@code values[row][feature]},
     * null where there is none. Rows must hold every group's keys; {@code times[row]} is each row's time.
     */
    public Uni<Object[][]> join(FeatureSelection.Selected selected, List<Map<String, Object>> rows,
            OffsetDateTime[] times) {
        Object[][] values = new Object[rows.size()][selected.refs().size()];
        List<Uni<Void>> groups = new ArrayList<>();
        for (GroupSchema group : selected.groups().values()) {
            groups.add(joinGroup(group, selected, rows, times, values));
        }
        return Uni.join().all(groups).andFailFast().replaceWith(values);
    }

    private Uni<Void> joinGroup(GroupSchema group, FeatureSelection.Selected selected, List<Map<String, Object>> rows,
            OffsetDateTime[] times, Object[][] values) {
        String[] keys = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            keys[i] = OnlineKeys.entityKey(group.entityKeys(), rows.get(i));
        }
        List<Integer> columns = new ArrayList<>();
        List<String> features = new ArrayList<>();
        for (int c = 0; c < selected.refs().size(); c++) {
            if (selected.refs().get(c).group().equals(group.name())) {
                columns.add(c);
                features.add(selected.refs().get(c).feature());
            }
        }
        Tuple params = Tuple.of(group.id(), keys, times);
        if (group.ttl() != null) {
            params.addValue(group.ttl().toMillis() / 1000.0);
        }
        return pool.preparedQuery("SELECT l.i, r.values FROM unnest($2::text[], $3::timestamptz[]) WITH ORDINALITY"
                        + " AS l(k, t, i) CROSS JOIN LATERAL (SELECT f.values FROM feature_rows f"
                        + " WHERE f.feature_group_id = $1 AND f.entity_key = l.k AND f.event_time <= l.t"
                        + withinTtl(group.ttl(), "l.t", 4)
                        + " ORDER BY f.event_time DESC LIMIT 1) r")
                .execute(params)
                .flatMap(found -> {
                    List<Long> missRows = new ArrayList<>();
                    List<String> missFeatures = new ArrayList<>();
                    for (Row row : found) {
                        int i = (int) row.getLong(0).longValue() - 1;
                        JsonObject stored = row.getJsonObject(1);
                        for (int f = 0; f < features.size(); f++) {
                            if (stored.containsKey(features.get(f))) {
                                values[i][columns.get(f)] = plain(stored.getValue(features.get(f)));
                            } else {
                                missRows.add((long) i + 1);
                                missFeatures.add(features.get(f));
                            }
                        }
                    }
                    return missRows.isEmpty() ? Uni.createFrom().voidItem()
                            : joinMisses(group, keys, times, missRows, missFeatures, features, columns, values);
                });
    }

    /** Features missing from a label row's newest row: each one's own newest value at or before the time. */
    private Uni<Void> joinMisses(GroupSchema group, String[] keys, OffsetDateTime[] times, List<Long> rows,
            List<String> features, List<String> groupFeatures, List<Integer> columns, Object[][] values) {
        String[] missKeys = new String[rows.size()];
        OffsetDateTime[] missTimes = new OffsetDateTime[rows.size()];
        for (int m = 0; m < rows.size(); m++) {
            int i = (int) (rows.get(m) - 1);
            missKeys[m] = keys[i];
            missTimes[m] = times[i];
        }
        Tuple params = Tuple.of(group.id(), rows.toArray(new Long[0]), features.toArray(new String[0]), missKeys)
                .addValue(missTimes);
        if (group.ttl() != null) {
            params.addValue(group.ttl().toMillis() / 1000.0);
        }
        return pool.preparedQuery("SELECT m.i, m.feature, r.value FROM unnest($2::int8[], $3::text[], $4::text[],"
                        + " $5::timestamptz[]) AS m(i, feature, k, t) CROSS JOIN LATERAL (SELECT f.values -> m.feature"
                        + " AS value FROM feature_rows f WHERE f.feature_group_id = $1 AND f.entity_key = m.k"
                        + " AND f.event_time <= m.t" + withinTtl(group.ttl(), "m.t", 6)
                        + " AND f.values ? m.feature ORDER BY f.event_time DESC LIMIT 1) r")
                .execute(params)
                .invoke(found -> {
                    for (Row row : found) {
                        int i = (int) row.getLong(0).longValue() - 1;
                        int column = columns.get(groupFeatures.indexOf(row.getString(1)));
                        values[i][column] = plain(row.getValue(2));
                    }
                })
                .replaceWithVoid();
    }

    /** A group with a ttl looks back no further than that from the row's time (the ttl in seconds is $param). */
    private static String withinTtl(Duration ttl, String time, int param) {
        return ttl == null ? "" : " AND f.event_time > " + time + " - make_interval(secs => $" + param + ")";
    }

    /** JSON values as plain Java values (lists, maps), which any serializer writes. */
    private static Object plain(Object value) {
        if (value == Tuple.JSON_NULL) {
            return null;
        }
        if (value instanceof JsonArray array) {
            return array.getList();
        }
        if (value instanceof JsonObject object) {
            return object.getMap();
        }
        return value;
    }
}

package ai.platform.featurestore.serving;

import ai.platform.featurestore.online.OnlineKeys;
import ai.platform.featurestore.online.OnlineStore;
import ai.platform.featurestore.registry.FeatureSelection;
import ai.platform.featurestore.registry.GroupSchema;
import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads online features: group schemas come from a short-lived cache, values from one pipelined Redis batch
 * (one HMGET per entity and group), so a request costs one Redis round trip whatever its size. The ttl is
 * applied on read: a value older than its group's ttl is EXPIRED even if Redis still holds it.
 */
@ApplicationScoped
public class OnlineServing {

    private final FeatureSelection selection;
    private final OnlineStore store;
    private final Timer latency;

    public OnlineServing(FeatureSelection selection, OnlineStore store, MeterRegistry metrics) {
        this.selection = selection;
        this.store = store;
        this.latency = Timer.builder("feature_store.online.read").description("Online read latency")
                .publishPercentileHistogram().register(metrics);
    }

    /**
     * Reads the features (group:feature, or a feature view's, see {@link FeatureSelection}) of the entities.
     */
    public Uni<OnlineResponse> read(List<String> features, String view, Integer viewVersion,
            List<Map<String, Object>> entities) {
        long started = System.nanoTime();
        return selection.resolve(features, view, viewVersion)
                .flatMap(selected -> {
                    checkEntities(selected, entities);
                    return fetch(selected, entities);
                })
                .onTermination().invoke(() -> latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    private static void checkEntities(FeatureSelection.Selected selected, List<Map<String, Object>> entities) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            selected.checkKeys(entities.get(i), "entities[" + i + "]", errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private Uni<OnlineResponse> fetch(FeatureSelection.Selected selected, List<Map<String, Object>> entities) {
        Collection<GroupSchema> groups = selected.groups().values();
        // One HMGET per (entity, group) of the group's requested features; each group's field list is made once.
        Map<GroupSchema, List<FeatureSelection.Ref>> asked = new IdentityHashMap<>();
        Map<GroupSchema, List<String>> fieldsOf = new IdentityHashMap<>();
        for (GroupSchema group : groups) {
            List<FeatureSelection.Ref> mine = selected.of(group);
            asked.put(group, mine);
            fieldsOf.put(group, mine.stream().map(FeatureSelection.Ref::feature).toList());
        }
        List<String> keys = new ArrayList<>(entities.size() * groups.size());
        List<List<String>> fields = new ArrayList<>(entities.size() * groups.size());
        for (Map<String, Object> entity : entities) {
            for (GroupSchema group : groups) {
                keys.add(OnlineKeys.redisKey(group.id(), OnlineKeys.entityKey(group.entityKeys(), entity)));
                fields.add(fieldsOf.get(group));
            }
        }
        long now = System.currentTimeMillis();
        return store.read(keys, fields)
                .onFailure().transform(e -> ProblemException.unavailable(
                        "The online store is unavailable; offline data is unaffected"))
                .map(rows -> {
                    List<OnlineResponse.Result> results = new ArrayList<>(entities.size());
                    Map<Long, String> formattedTimes = new HashMap<>();
                    int row = 0;
                    for (Map<String, Object> entity : entities) {
                        Map<String, OnlineResponse.Value> values = new LinkedHashMap<>();
                        for (GroupSchema group : groups) {
                            List<OnlineKeys.StoredValue> stored = rows.get(row++);
                            List<FeatureSelection.Ref> mine = asked.get(group);
                            for (int f = 0; f < mine.size(); f++) {
                                values.put(mine.get(f).label(),
                                        value(stored.get(f), group, now, formattedTimes));
                            }
                        }
                        results.add(new OnlineResponse.Result(entity, values));
                    }
                    return new OnlineResponse(selected.labels(), results);
                });
    }

    private static OnlineResponse.Value value(OnlineKeys.StoredValue stored, GroupSchema group, long now,
            Map<Long, String> formattedTimes) {
        if (stored == null) {
            return new OnlineResponse.Value(null, OnlineResponse.Status.NOT_FOUND, null);
        }
        long time = stored.eventTimeMillis();
        // The values of a row share its time: each distinct time is formatted once per request.
        String eventTime = formattedTimes.computeIfAbsent(time, millis -> Instant.ofEpochMilli(millis).toString());
        if (group.ttl() != null && now - time > group.ttl().toMillis()) {
            return new OnlineResponse.Value(null, OnlineResponse.Status.EXPIRED, eventTime);
        }
        return stored.isNull() ? new OnlineResponse.Value(null, OnlineResponse.Status.NULL, eventTime)
                : new OnlineResponse.Value(stored, OnlineResponse.Status.PRESENT, eventTime);
    }
}

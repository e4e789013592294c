package ai.platform.featurestore.serving;

import ai.platform.featurestore.online.GroupSchema;
import ai.platform.featurestore.online.GroupSchemas;
import ai.platform.featurestore.online.OnlineKeys;
import ai.platform.featurestore.online.OnlineStore;
import ai.platform.support.problem.Problem;
import ai.platform.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads online features: group schemas come from a short-lived cache, values from one pipelined Redis batch
 * (one HMGET per entity and group), so a request costs one Redis round trip whatever its size. The ttl is
 * applied on read: a value older than its group's ttl is EXPIRED even if Redis still holds it.
 */
@ApplicationScoped
public class OnlineServing {

    private final GroupSchemas groups;
    private final OnlineStore store;
    private final Timer latency;

    public OnlineServing(GroupSchemas groups, OnlineStore store, MeterRegistry metrics) {
        this.groups = groups;
        this.store = store;
        this.latency = Timer.builder("feature_store.online.read").description("Online read latency")
                .publishPercentileHistogram().register(metrics);
    }

    /** A requested feature: where it comes from and how it is named in the answer. */
    private record Ref(String label, String group, String feature) {
    }

    public Uni<OnlineResponse> read(List<String> features, List<Map<String, Object>> entities) {
        long started = System.nanoTime();
        List<Ref> refs = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            String label = features.get(i);
            int split = label.indexOf(':');
            if (split < 1 || split == label.length() - 1) {
                throw ProblemException.invalidField("features[" + i + "]", "must be group:feature");
            }
            refs.add(new Ref(label, label.substring(0, split), label.substring(split + 1)));
        }
        List<String> groupNames = refs.stream().map(Ref::group).distinct().toList();
        return Multi.createFrom().iterable(groupNames).onItem().transformToUniAndConcatenate(groups::get)
                .collect().asList()
                .flatMap(schemas -> {
                    Map<String, GroupSchema> byName = new LinkedHashMap<>();
                    for (int i = 0; i < groupNames.size(); i++) {
                        byName.put(groupNames.get(i), schemas.get(i));
                    }
                    check(refs, byName, entities);
                    return fetch(refs, byName, entities);
                })
                .invoke(() -> latency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    private static void check(List<Ref> refs, Map<String, GroupSchema> groups, List<Map<String, Object>> entities) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            Ref ref = refs.get(i);
            if (!groups.get(ref.group()).features().containsKey(ref.feature())) {
                errors.add(new Problem.FieldError("features[" + i + "]", "group " + ref.group()
                        + " has no feature " + ref.feature()));
            }
        }
        for (int i = 0; i < entities.size(); i++) {
            for (GroupSchema group : groups.values()) {
                for (String key : group.entityKeys()) {
                    Object value = entities.get(i).get(key);
                    if (!(value instanceof String || value instanceof Integer || value instanceof Long)) {
                        errors.add(new Problem.FieldError("entities[" + i + "]." + key,
                                "must be a string or an integer (a key of " + group.name() + ")"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private Uni<OnlineResponse> fetch(List<Ref> refs, Map<String, GroupSchema> groups,
            List<Map<String, Object>> entities) {
        // One HMGET per (entity, group): the group's requested features, value and time fields side by side.
        List<String> keys = new ArrayList<>();
        List<List<String>> fields = new ArrayList<>();
        List<List<Ref>> asked = new ArrayList<>();
        for (Map<String, Object> entity : entities) {
            for (GroupSchema group : groups.values()) {
                List<Ref> mine = refs.stream().filter(r -> r.group().equals(group.name())).toList();
                keys.add(OnlineKeys.redisKey(group.id(), OnlineKeys.entityKey(group.entityKeys(), entity)));
                List<String> names = new ArrayList<>();
                mine.forEach(r -> {
                    names.add("v:" + r.feature());
                    names.add("t:" + r.feature());
                });
                fields.add(names);
                asked.add(mine);
            }
        }
        long now = System.currentTimeMillis();
        return store.read(keys, fields)
                .onFailure().transform(e -> ProblemException.unavailable(
                        "The online store is unavailable; offline data is unaffected"))
                .map(rows -> {
                    List<OnlineResponse.Result> results = new ArrayList<>(entities.size());
                    int row = 0;
                    for (Map<String, Object> entity : entities) {
                        Map<String, OnlineResponse.Value> values = new LinkedHashMap<>();
                        for (GroupSchema group : groups.values()) {
                            List<String> stored = rows.get(row);
                            List<Ref> mine = asked.get(row);
                            for (int f = 0; f < mine.size(); f++) {
                                values.put(mine.get(f).label(), value(stored.get(2 * f), stored.get(2 * f + 1),
                                        group, now));
                            }
                            row++;
                        }
                        results.add(new OnlineResponse.Result(entity, values));
                    }
                    return new OnlineResponse(refs.stream().map(Ref::label).toList(), results);
                });
    }

    private static OnlineResponse.Value value(String json, String time, GroupSchema group, long now) {
        if (json == null || time == null) {
            return new OnlineResponse.Value(null, OnlineResponse.Status.NOT_FOUND, null);
        }
        long eventMillis = Long.parseLong(time);
        OffsetDateTime eventTime = OffsetDateTime.ofInstant(Instant.ofEpochMilli(eventMillis), ZoneOffset.UTC);
        if (group.ttl() != null && now - eventMillis > group.ttl().toMillis()) {
            return new OnlineResponse.Value(null, OnlineResponse.Status.EXPIRED, eventTime);
        }
        Object value = Json.decodeValue(json);
        return new OnlineResponse.Value(value, value == null ? OnlineResponse.Status.NULL
                : OnlineResponse.Status.PRESENT, eventTime);
    }
}

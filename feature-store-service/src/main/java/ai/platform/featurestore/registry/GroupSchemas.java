package ai.platform.featurestore.registry;

import ai.platform.support.problem.ProblemException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Group schemas by name or id, cached for a few seconds: online reads then cost one Redis round trip and no
 * database query. A feature added to a group is served at most {@link #FRESHNESS} later.
 */
@ApplicationScoped
public class GroupSchemas {

    static final Duration FRESHNESS = Duration.ofSeconds(5);

    private final FeatureCatalog catalog;
    private final Cache<String, GroupSchema> cache = Caffeine.newBuilder()
            // Upkeep (eviction, expiry) on the caller's thread, not the common pool: no wake-up of another thread per
            // few reads on the event loop (bench/RESULTS.md, session 6).
            .executor(Runnable::run)
            .expireAfterWrite(FRESHNESS).maximumSize(10_000).build();

    public GroupSchemas(FeatureCatalog catalog) {
        this.catalog = catalog;
    }

    /** The group named (or with this id); 404 when there is none. */
    public Uni<GroupSchema> get(String nameOrId) {
        GroupSchema cached = cache.getIfPresent(nameOrId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> find(nameOrId).flatMap(group -> {
            if (group == null) {
                throw ProblemException.notFound("Feature group", nameOrId);
            }
            return catalog.latest(group.id).map(latest -> {
                Map<String, Dtype> features = new LinkedHashMap<>();
                latest.forEach((name, feature) -> features.put(name, Dtype.of(feature.dtype)));
                GroupSchema schema = new GroupSchema(group.id, group.name, List.of(group.entityKeys), group.online,
                        group.ttlSeconds == null ? null : Duration.ofSeconds(group.ttlSeconds), features);
                cache.put(nameOrId, schema);
                return schema;
            });
        }));
    }

    private static Uni<FeatureGroup> find(String nameOrId) {
        try {
            return FeatureGroup.findById(UUID.fromString(nameOrId));
        } catch (IllegalArgumentException notAnId) {
            return FeatureGroup.find("name", nameOrId).firstResult();
        }
    }
}

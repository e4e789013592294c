package ai.platform.featurestore.views;

import ai.platform.support.persistence.LikePatterns;
import ai.platform.support.persistence.SqlErrors;
import ai.platform.support.problem.ProblemException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code feature_views} table. Versions never change; the newest version of a name is cached for a few
 * seconds because online reads by view resolve it on every request.
 */
@ApplicationScoped
public class FeatureViews {

    private static final Duration FRESHNESS = Duration.ofSeconds(5);

    private final Pool pool;
    private final Cache<String, FeatureView> newest = Caffeine.newBuilder()
            // Upkeep (eviction, expiry) on the caller's thread, not the common pool: no wake-up of another thread per
            // few reads on the event loop (bench/RESULTS.md, session 6).
            .executor(Runnable::run)
            .expireAfterWrite(FRESHNESS).maximumSize(10_000).build();

    public FeatureViews(Pool pool) {
        this.pool = pool;
    }

    /** The view's version, or its newest when {@code version} is null; 404 when there is none. */
    public Uni<FeatureView> get(String name, Integer version) {
        FeatureView cached = version == null ? newest.getIfPresent(name) : null;
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        Uni<RowSet<Row>> rows = version == null
                ? pool.preparedQuery("SELECT " + FeatureView.COLUMNS + " FROM feature_views WHERE name = $1"
                        + " ORDER BY version DESC LIMIT 1").execute(Tuple.of(name))
                : pool.preparedQuery("SELECT " + FeatureView.COLUMNS + " FROM feature_views WHERE name = $1"
                        + " AND version = $2").execute(Tuple.of(name, version));
        return rows.map(found -> {
            if (found.size() == 0) {
                throw ProblemException.notFound("Feature view", version == null ? name : name + " version " + version);
            }
            FeatureView view = FeatureView.of(found.iterator().next());
            if (version == null) {
                newest.put(name, view);
            }
            return view;
        });
    }

    /** The view as saved, and whether this call created it (false: its newest version already selects these). */
    public record Saved(FeatureView view, boolean created) {
    }

    /**
     * Saves the selection as the view's next version, unless its newest version selects exactly these features
     * already. Two callers creating the next version at once: one wins, the other gets 409 and may retry.
     */
    public Uni<Saved> save(FeatureViewRequest request, String owner) {
        return pool.preparedQuery("SELECT " + FeatureView.COLUMNS + " FROM feature_views WHERE name = $1"
                        + " ORDER BY version DESC LIMIT 1").execute(Tuple.of(request.name()))
                .flatMap(found -> {
                    FeatureView latest = found.size() == 0 ? null : FeatureView.of(found.iterator().next());
                    if (latest != null && latest.features().equals(request.features())) {
                        return Uni.createFrom().item(new Saved(latest, false));
                    }
                    Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
                    return pool.preparedQuery("INSERT INTO feature_views (name, version, description, features,"
                                    + " owner_id, tags) VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
                                    + FeatureView.COLUMNS)
                            .execute(Tuple.from(Arrays.asList(request.name(),
                                    latest == null ? 1 : latest.version() + 1, request.description(),
                                    request.features().toArray(new String[0]), owner,
                                    new JsonObject(Map.copyOf(tags)))))
                            .onFailure(SqlErrors::isUniqueViolation).transform(e -> ProblemException.conflict(
                                    "Feature view " + request.name() + " got a new version at the same time; retry"))
                            .map(inserted -> {
                                newest.invalidate(request.name());
                                return new Saved(FeatureView.of(inserted.iterator().next()), true);
                            });
                });
    }

    /** The newest version of each view, by name, from after {@code afterName}; optionally by name prefix. */
    public Uni<List<FeatureView>> list(String namePrefix, String afterName, int limit) {
        return pool.preparedQuery("SELECT DISTINCT ON (name) " + FeatureView.COLUMNS + " FROM feature_views"
                        + " WHERE name > $1 AND name LIKE $2 ESCAPE '\\' ORDER BY name, version DESC LIMIT $3")
                .execute(Tuple.of(afterName == null ? "" : afterName,
                        LikePatterns.startingWith(namePrefix == null ? "" : namePrefix), limit))
                .map(FeatureViews::views);
    }

    public Uni<List<FeatureView>> versions(String name) {
        return pool.preparedQuery("SELECT " + FeatureView.COLUMNS + " FROM feature_views WHERE name = $1"
                        + " ORDER BY version").execute(Tuple.of(name))
                .map(FeatureViews::views)
                .invoke(found -> {
                    if (found.isEmpty()) {
                        throw ProblemException.notFound("Feature view", name);
                    }
                });
    }

    private static List<FeatureView> views(RowSet<Row> rows) {
        List<FeatureView> views = new ArrayList<>();
        rows.forEach(row -> views.add(FeatureView.of(row)));
        return views;
    }
}

package ai.platform.registry.resolution;

import ai.platform.registry.RegistryConfig;
import ai.platform.registry.stages.Stage;
import ai.platform.registry.versioning.ModelVersion;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The answers of alias and latest-version resolutions, per model, so that the hot reads skip PostgreSQL.
 *
 * <p>Every change of what these answers show (aliases, versions, stages, a model's name or existence) notifies the
 * model's name in its own transaction ({@code V9__resolution_notifications.sql}), and {@link ChangeListener} drops
 * that model's answers on every replica when the notification arrives, after the commit; a {@code TRUNCATE} notifies
 * that every model changed ({@code V10__truncate_notifications.sql}) and drops them all. A replica that made the
 * change drops them itself as well, before answering the writer, so that the writer reads what it wrote at once.
 *
 * <p>A read that misses takes the model's {@link Answers} before it queries and stores its result in them; dropping a
 * model replaces its {@code Answers}. So a result read before a commit, but stored after that commit's notification,
 * lands in answers nobody reads any more, and is not served: a stale answer cannot outlive the notification of the
 * change that made it stale. Only positive answers are kept (a 404 queries again), so names a client makes up do not
 * fill the cache.
 *
 * <p>While the listener is not listening (at start, or after its connection was lost, when notifications may have
 * been missed) every read queries PostgreSQL; the cache is emptied when listening stops and again when it resumes.
 * Whatever happens, an answer is at most {@code registry.resolution-cache.ttl} old.
 */
@Singleton
public class Resolutions {

    private final Cache<String, Answers> models;
    private volatile boolean listening;

    @Inject
    public Resolutions(RegistryConfig config) {
        this(config.resolutionCache().ttl(), config.resolutionCache().maximumModels());
    }

    Resolutions(Duration ttl, long maximumModels) {
        // Expiring a model's answers together ttl after the first was stored keeps every one younger than ttl.
        // Upkeep (eviction, expiry) on the caller's thread, not the common pool: no wake-up of another thread per
        // few reads on the event loop (bench/RESULTS.md, session 6).
        models = Caffeine.newBuilder().executor(Runnable::run).expireAfterWrite(ttl).maximumSize(maximumModels)
                .build();
    }

    /**
     * One question asked of a model: which version an alias names, its newest ready one (in a stage), or the newest
     * ready one of every stage that has one.
     */
    private record Question(String alias, Stage stage, boolean everyStage) {
    }

    private static final Question EVERY_STAGE = new Question(null, null, true);

    /**
     * The answers known for one model, each a {@link ModelVersion} or (for {@link #EVERY_STAGE}) a list of them;
     * replaced, never emptied, when the model changes.
     */
    private static final class Answers {
        final ConcurrentHashMap<Question, Object> byQuestion = new ConcurrentHashMap<>();
    }

    /** The version an alias names, from the cache or else from {@code query} (empty: no such model or alias). */
    public Uni<Optional<ModelVersion>> alias(String model, String alias,
            Supplier<Uni<Optional<ModelVersion>>> query) {
        return answer(model, new Question(alias, null, false), query);
    }

    /** The newest ready version (in {@code stage}, unless null), from the cache or else from {@code query}. */
    public Uni<Optional<ModelVersion>> latest(String model, Stage stage, Supplier<Uni<Optional<ModelVersion>>> query) {
        return answer(model, new Question(null, stage, false), query);
    }

    /**
     * The newest ready version of each stage that has one (MLflow's GetLatestVersions), from the cache or else from
     * {@code query}; one answer, read at once, so that the stages it shows are of the same moment. Empty (no such
     * model, or no ready version) is not cached.
     */
    public Uni<List<ModelVersion>> latestPerStage(String model, Supplier<Uni<List<ModelVersion>>> query) {
        return this.<List<ModelVersion>>answer(model, EVERY_STAGE, () -> query.get()
                        .map(found -> found.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(found))))
                .map(found -> found.orElse(List.of()));
    }

    /** The answer to {@code question}, whose type the question decides. */
    @SuppressWarnings("unchecked")
    private <T> Uni<Optional<T>> answer(String model, Question question, Supplier<Uni<Optional<T>>> query) {
        if (!listening) {
            return query.get();
        }
        Answers answers = models.get(model, name -> new Answers());
        T known = (T) answers.byQuestion.get(question);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return query.get().invoke(found -> {
            if (found.isPresent()) {
                answers.byQuestion.put(question, found.get());
            } else if (answers.byQuestion.isEmpty()) {
                // Names that resolve to nothing (typos, probes) must not take the places of real models.
                models.asMap().remove(model, answers);
            }
        });
    }

    /** Drops what is known of a model: it changed, here or on another replica. */
    public void invalidate(String model) {
        models.invalidate(model);
    }

    /** Drops what is known of every model: all may have changed (a {@code TRUNCATE}). */
    public void invalidateAll() {
        models.invalidateAll();
    }

    /** Whether answers come from the cache: notifications are being received. */
    boolean isListening() {
        return listening;
    }

    /** Notifications are received again: start caching, from nothing (those sent meanwhile were missed). */
    void listening() {
        models.invalidateAll();
        listening = true;
    }

    /** Notifications may be missed from now on: stop caching and forget everything. */
    void notListening() {
        listening = false;
        models.invalidateAll();
    }
}

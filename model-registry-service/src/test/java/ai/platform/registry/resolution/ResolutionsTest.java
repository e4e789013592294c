package ai.platform.registry.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.platform.registry.stages.Stage;
import ai.platform.registry.versioning.ModelVersion;
import ai.platform.registry.versioning.VersionStatus;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cache's rules on their own, with queries whose answers and timing the test decides: what the HTTP tests cannot
 * time, a notification arriving while a query is on its way.
 */
class ResolutionsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Resolutions resolutions = new Resolutions(Duration.ofMinutes(1), 100);
    private final AtomicInteger queries = new AtomicInteger();

    private static ModelVersion version(int number) {
        OffsetDateTime now = OffsetDateTime.now();
        return new ModelVersion(UUID.randomUUID(), "m", number, "s3://m", null, VersionStatus.READY, Stage.NONE, null,
                Map.of(), Map.of(), List.of(), null, List.of("champion"), "someone", now, now);
    }

    /** A query that counts itself and answers {@code version}. */
    private Uni<Optional<ModelVersion>> query(ModelVersion version) {
        return Uni.createFrom().item(() -> {
            queries.incrementAndGet();
            return Optional.of(version);
        });
    }

    private int alias(ModelVersion databaseHolds) {
        return resolutions.alias("m", "champion", () -> query(databaseHolds)).await().atMost(WAIT).orElseThrow()
                .version();
    }

    @Test
    void answersFromTheCacheUntilTheModelChanges() {
        resolutions.listening();
        assertEquals(1, alias(version(1)));
        assertEquals(1, alias(version(2)), "served from the cache");
        assertEquals(1, queries.get());
        resolutions.invalidate("m");
        assertEquals(2, alias(version(2)));
        assertEquals(2, queries.get());
    }

    @Test
    void aResultReadBeforeAChangeIsNotKeptWhenItsNotificationCameFirst() {
        resolutions.listening();
        CompletableFuture<Optional<ModelVersion>> slowQuery = new CompletableFuture<>();
        // The query reads version 1 ...
        Uni<Optional<ModelVersion>> racing = resolutions.alias("m", "champion",
                () -> Uni.createFrom().completionStage(slowQuery));
        CompletableFuture<Optional<ModelVersion>> answered = racing.subscribeAsCompletionStage();
        // ... then the alias moves to 2 and its notification arrives, before the query's answer is stored.
        resolutions.invalidate("m");
        slowQuery.complete(Optional.of(version(1)));
        assertEquals(1, answered.join().orElseThrow().version(), "its own caller gets what it read");
        assertEquals(2, alias(version(2)), "the next reader does not get the result read before the change");
        assertEquals(2, alias(version(3)), "and the fresh answer is cached");
    }

    @Test
    void queriesEveryTimeWhileNotListeningAndForgetsWhatWasCachedBefore() {
        assertEquals(1, alias(version(1)));
        assertEquals(2, alias(version(2)), "not listening yet: nothing cached");
        resolutions.listening();
        assertEquals(3, alias(version(3)));
        resolutions.notListening();
        assertEquals(4, alias(version(4)), "notifications may be missed: every read queries");
        resolutions.listening();
        assertEquals(5, alias(version(5)), "what was cached before the connection dropped is gone");
        assertEquals(5, queries.get());
    }

    @Test
    void aResultReadWhileTheConnectionDroppedIsNotKeptForAfterwards() {
        resolutions.listening();
        CompletableFuture<Optional<ModelVersion>> slowQuery = new CompletableFuture<>();
        CompletableFuture<Optional<ModelVersion>> answered = resolutions.alias("m", "champion",
                () -> Uni.createFrom().completionStage(slowQuery)).subscribeAsCompletionStage();
        resolutions.notListening();
        resolutions.listening();
        slowQuery.complete(Optional.of(version(1)));
        answered.join();
        assertEquals(2, alias(version(2)));
    }

    @Test
    void aTruncateDropsTheAnswersOfEveryModel() {
        resolutions.listening();
        assertEquals(1, alias(version(1)));
        assertEquals(3, resolutions.latest("other", null, () -> query(version(3))).await().atMost(WAIT).orElseThrow()
                .version());
        resolutions.invalidateAll();
        assertEquals(2, alias(version(2)));
        assertEquals(4, resolutions.latest("other", null, () -> query(version(4))).await().atMost(WAIT).orElseThrow()
                .version());
        assertEquals(4, queries.get());
    }

    @Test
    void theNewestOfEveryStageIsCachedAsOneAnswer() {
        resolutions.listening();
        List<ModelVersion> perStage = List.of(version(2), version(1));
        assertEquals(perStage, latestPerStage(perStage));
        ModelVersion third = version(3);
        assertEquals(perStage, latestPerStage(List.of(third)), "served from the cache");
        resolutions.invalidate("m");
        assertEquals(List.of(third), latestPerStage(List.of(third)));
        assertEquals(2, queries.get());
    }

    @Test
    void noNewestOfAnyStageIsNotCached() {
        resolutions.listening();
        assertEquals(List.of(), latestPerStage(List.of()));
        assertEquals(List.of(), latestPerStage(List.of()), "no such model, or no ready version yet: asked again");
        ModelVersion first = version(1);
        assertEquals(List.of(first), latestPerStage(List.of(first)));
        assertEquals(List.of(first), latestPerStage(List.of()));
        assertEquals(3, queries.get());
    }

    private List<ModelVersion> latestPerStage(List<ModelVersion> databaseHolds) {
        return resolutions.latestPerStage("m", () -> Uni.createFrom().item(() -> {
            queries.incrementAndGet();
            return databaseHolds;
        })).await().atMost(WAIT);
    }

    @Test
    void keepsEachQuestionApartAndNoAbsentAnswers() {
        resolutions.listening();
        assertEquals(Optional.empty(), resolutions.alias("m", "missing", () -> {
            queries.incrementAndGet();
            return Uni.createFrom().item(Optional.empty());
        }).await().atMost(WAIT));
        assertEquals(7, resolutions.latest("m", null, () -> query(version(7))).await().atMost(WAIT).orElseThrow()
                .version());
        assertEquals(5, resolutions.latest("m", Stage.PRODUCTION, () -> query(version(5))).await().atMost(WAIT)
                .orElseThrow().version());
        assertEquals(1, alias(version(1)));
        assertEquals(7, resolutions.latest("m", null, () -> query(version(8))).await().atMost(WAIT).orElseThrow()
                .version());
        resolutions.alias("m", "missing", () -> query(version(9))).await().atMost(WAIT);
        assertEquals(5, queries.get(), "the missing alias was asked again; the three answers came from the cache");
    }
}

package ai.platform.featurestore.materialization;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of a running job, updated from the batches in flight and saved now and then as its heartbeat. */
final class JobProgress {

    private static final long SAVE_EVERY_NANOS = 1_000_000_000L;

    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong entities = new AtomicLong();
    private final AtomicLong values = new AtomicLong();
    private final AtomicLong lastSaved = new AtomicLong(System.nanoTime());

    void rowRead() {
        rows.incrementAndGet();
    }

    void written(long entityCount, long valueCount) {
        entities.addAndGet(entityCount);
        values.addAndGet(valueCount);
    }

    /** True at most once a second: time to save the counts. */
    boolean saveDue() {
        long last = lastSaved.get();
        long now = System.nanoTime();
        return now - last >= SAVE_EVERY_NANOS && lastSaved.compareAndSet(last, now);
    }

    long rows() {
        return rows.get();
    }

    long entities() {
        return entities.get();
    }

    long values() {
        return values.get();
    }
}

package ai.platform.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latency per 100 ms of intended start time, warm-up included, written as CSV with wall-clock times so that a stall
 * can be lined up with a packet capture or a GC log. Percentiles say that a run stalled; this says when.
 */
final class Timeline {

    private static final long SLOT_NANOS = 100_000_000L;

    private final long originNanos = System.nanoTime();
    private final long originEpochMillis = System.currentTimeMillis();
    private final AtomicLongArray counts;
    private final AtomicLongArray maxMicros;
    private final AtomicLongArray sumMicros;

    Timeline(long seconds) {
        int slots = (int) (seconds * 1_000_000_000L / SLOT_NANOS) + 1;
        counts = new AtomicLongArray(slots);
        maxMicros = new AtomicLongArray(slots);
        sumMicros = new AtomicLongArray(slots);
    }

    void record(long intendedStartNanos, long latencyMicros) {
        int slot = (int) ((intendedStartNanos - originNanos) / SLOT_NANOS);
        if (slot < 0 || slot >= counts.length()) {
            return;
        }
        counts.incrementAndGet(slot);
        sumMicros.addAndGet(slot, latencyMicros);
        maxMicros.accumulateAndGet(slot, latencyMicros, Math::max);
    }

    void write(Path file) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("epoch_s,requests,mean_ms,max_ms");
            for (int slot = 0; slot < counts.length(); slot++) {
                long n = counts.get(slot);
                out.printf(Locale.ROOT, "%.1f,%d,%.3f,%.3f%n", (originEpochMillis + slot * 100L) / 1000.0, n,
                        n == 0 ? 0.0 : sumMicros.get(slot) / 1000.0 / n, maxMicros.get(slot) / 1000.0);
            }
        }
    }
}

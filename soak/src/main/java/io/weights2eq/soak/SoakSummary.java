package io.weights2eq.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Whether each process's memory stayed flat after a warm-up (class loading, caches, the decoder's replay buffer
 * filling up): least-squares slopes, in MB per hour, of RSS, off-heap (RSS − committed heap) and the live heap
 * ({@link MemorySample#liveHeap()}; heap used itself is a collector's sawtooth and holds garbage not yet collected).
 *
 * <p>A JVM's RSS also grows while the collector commits more heap up to {@code -Xmx}, which is not a leak; so for a
 * process whose live heap was recorded, flat means that neither its off-heap nor its live heap grew, over the
 * window, extrapolated from the slope, by more than {@link #FLAT_FRACTION} of its mean RSS (at least
 * {@link #FLAT_FLOOR_BYTES}). For a process without it (the broker, or samples of an older soak) the same rule
 * applies to RSS.
 */
public record SoakSummary(List<ProcessSummary> processes, double warmupSeconds) {
    static final double FLAT_FRACTION = 0.05;
    static final long FLAT_FLOOR_BYTES = 32L << 20;

    /** One process over the measured window. */
    public record ProcessSummary(
            String process,
            int samples,
            double windowSeconds,
            long rssFirst,
            long rssLast,
            long rssMax,
            double rssMeanBytes,
            double rssSlopeMbPerHour,
            double offHeapSlopeMbPerHour,
            double liveHeapSlopeMbPerHour) {
        public boolean flat() {
            if (Double.isNaN(offHeapSlopeMbPerHour) || Double.isNaN(liveHeapSlopeMbPerHour)) {
                return small(rssSlopeMbPerHour);
            }
            return small(offHeapSlopeMbPerHour) && small(liveHeapSlopeMbPerHour);
        }

        private boolean small(double slopeMbPerHour) {
            double grown = slopeMbPerHour * windowSeconds / 3600.0 * (1 << 20);
            return !Double.isNaN(grown) && grown < Math.max(FLAT_FRACTION * rssMeanBytes, FLAT_FLOOR_BYTES);
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%-10s %s  RSS %s -> %s MB (max %s), slope %+.1f MB/h; off-heap %+.1f MB/h; live heap %+.1f MB/h (%d samples, %.0f min)",
                    process,
                    flat() ? "flat   " : "GROWING",
                    mb(rssFirst),
                    mb(rssLast),
                    mb(rssMax),
                    rssSlopeMbPerHour,
                    offHeapSlopeMbPerHour,
                    liveHeapSlopeMbPerHour,
                    samples,
                    windowSeconds / 60);
        }
    }

    /** Summarises {@code samples}, skipping those before {@code warmupSeconds}. */
    public static SoakSummary of(List<MemorySample> samples, double warmupSeconds) {
        Map<String, List<MemorySample>> byProcess = new LinkedHashMap<>();
        for (MemorySample s : samples) {
            if (s.elapsedSeconds() >= warmupSeconds) {
                byProcess.computeIfAbsent(s.process(), k -> new ArrayList<>()).add(s);
            }
        }
        List<ProcessSummary> out = new ArrayList<>();
        byProcess.forEach((process, list) -> {
            double window =
                    list.get(list.size() - 1).elapsedSeconds() - list.get(0).elapsedSeconds();
            out.add(new ProcessSummary(
                    process,
                    list.size(),
                    window,
                    list.get(0).rss(),
                    list.get(list.size() - 1).rss(),
                    list.stream().mapToLong(MemorySample::rss).max().orElse(0),
                    list.stream().mapToLong(MemorySample::rss).average().orElse(0),
                    slopeMbPerHour(list, MemorySample::rss),
                    slopeMbPerHour(list, MemorySample::offHeap),
                    slopeMbPerHour(list, MemorySample::liveHeap)));
        });
        return new SoakSummary(out, warmupSeconds);
    }

    /** Least-squares slope of {@code value} over elapsed time, in MB per hour, over the samples where it is known. */
    static double slopeMbPerHour(List<MemorySample> all, ToLongFunction<MemorySample> value) {
        List<MemorySample> samples =
                all.stream().filter(s -> value.applyAsLong(s) >= 0).toList();
        int n = samples.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (MemorySample s : samples) {
            mx += s.elapsedSeconds();
            my += value.applyAsLong(s);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (MemorySample s : samples) {
            double dx = s.elapsedSeconds() - mx;
            sxy += dx * (value.applyAsLong(s) - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : sxy / sxx * 3600.0 / (1 << 20);
    }

    public boolean allFlat() {
        return !processes.isEmpty() && processes.stream().allMatch(ProcessSummary::flat);
    }

    public String text() {
        StringBuilder b = new StringBuilder(
                String.format(Locale.ROOT, "soak summary (after a %.0f s warm-up):%n", warmupSeconds));
        processes.forEach(p -> b.append("  ").append(p.line()).append(System.lineSeparator()));
        return b.toString();
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / (double) (1 << 20));
    }
}

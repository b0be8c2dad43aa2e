package io.weights2eq.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-decode}: an open-loop load generator for {@code POST /decode}. Requests leave on a fixed schedule
 * ({@code --rate} per second, whatever the answers do) and each latency is measured from the request's
 * <em>scheduled</em> time, so a stall shows up in the percentiles instead of silently slowing the load
 * (no coordinated omission). Bodies are the lines of a network file, sent in turn; the first {@code --warmup-s}
 * seconds are not counted. Prints one JSON line.
 */
@Command(
        name = "bench-decode",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Open-loop load on POST /decode at a fixed rate: p50/p90/p99 latency from the scheduled send times (no coordinated omission); one JSON line.")
final class BenchDecodeCommand extends CliCommand {
    @Option(
            names = "--input",
            required = true,
            paramLabel = "NETWORKS.jsonl",
            description = "request bodies: the lines of a network file, sent in turn (export-examples --out X.jsonl)")
    Path input;

    @Option(
            names = "--url",
            defaultValue = "http://localhost:8083",
            description = "the decoder-service (default ${DEFAULT-VALUE})")
    String service;

    @Option(
            names = "--rate",
            defaultValue = "200",
            description = "requests per second, at most 100000 (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seconds", defaultValue = "30", description = "how long to measure (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(
            names = "--warmup-s",
            defaultValue = "10",
            description = "seconds sent first and not counted (default ${DEFAULT-VALUE})")
    double warmupSeconds;

    private URI url;

    @Override
    int run() {
        if (!(rate > 0 && rate <= 100_000)) {
            throw new W2eCli.UsageException("--rate must be in (0, 100000], was " + rate);
        }
        url = URI.create(service + "/decode");
        List<String> bodies;
        try {
            bodies =
                    Files.readAllLines(input).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        }
        if (bodies.isEmpty()) {
            throw new W2eCli.UsageException("--input " + input + " has no network lines");
        }
        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            return load(bodies, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private int load(List<String> bodies, java.util.concurrent.ExecutorService pool) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(pool)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long intervalNanos = (long) (1e9 / rate);
        long total = (long) ((warmupSeconds + seconds) * rate);
        long warmup = (long) (warmupSeconds * rate);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong statusErrors = new AtomicLong();
        CompletableFuture<?>[] pending = new CompletableFuture<?>[(int) total];
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            boolean counted = i >= warmup;
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get((int) (i % bodies.size()))))
                    .build();
            pending[(int) i] = client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        long latency = System.nanoTime() - scheduled;
                        if (failure != null) {
                            errors.incrementAndGet();
                        } else if (response.statusCode() != 200) {
                            statusErrors.incrementAndGet();
                        } else if (counted) {
                            latencies.add(latency);
                        }
                    });
        }
        CompletableFuture.allOf(pending).exceptionally(t -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf(
                Locale.ROOT,
                "{\"url\":\"%s\",\"rate\":%.1f,\"seconds\":%.1f,\"warmupSeconds\":%.1f,"
                        + "\"requests\":%d,\"achievedRate\":%.1f,\"measured\":%d,\"failures\":%d,\"non200\":%d,"
                        + "\"p50Ms\":%s,\"p90Ms\":%s,\"p99Ms\":%s,\"p999Ms\":%s,\"maxMs\":%s}%n",
                url,
                rate,
                seconds,
                warmupSeconds,
                total,
                total / elapsed,
                sorted.length,
                errors.get(),
                statusErrors.get(),
                json(q(sorted, 0.5)),
                json(q(sorted, 0.9)),
                json(q(sorted, 0.99)),
                json(q(sorted, 0.999)),
                json(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6));
        return errors.get() + statusErrors.get() == 0 ? 0 : 1;
    }

    /** Milliseconds with two decimals; {@code null} when nothing was measured (NaN is not JSON). */
    private static String json(double millis) {
        return Double.isNaN(millis) ? "null" : String.format(Locale.ROOT, "%.2f", millis);
    }

    private static double q(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}

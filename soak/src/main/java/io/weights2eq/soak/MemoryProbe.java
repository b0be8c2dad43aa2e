package io.weights2eq.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The memory of one running process: its RSS from {@code /proc/<pid>/status} (Linux) and, for a service, the
 * JVM's own figures from its {@code /q/metrics}.
 */
public final class MemoryProbe {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String process;
    private final long pid;
    private final URI metrics;

    /** {@code metricsPort} 0: a process without Micrometer metrics (RSS only). */
    public MemoryProbe(String process, long pid, int metricsPort) {
        this.process = process;
        this.pid = pid;
        this.metrics = metricsPort > 0 ? URI.create("http://localhost:" + metricsPort + "/q/metrics") : null;
    }

    public String process() {
        return process;
    }

    /** A sample now; throws {@link IllegalStateException} when the process is gone. */
    public MemorySample sample(double elapsedSeconds) {
        long rss = rss(Path.of("/proc", Long.toString(pid), "status"));
        long heapUsed = -1;
        long heapCommitted = -1;
        long nonHeap = -1;
        long direct = -1;
        long live = -1;
        if (metrics != null) {
            String text = fetch();
            heapUsed = PrometheusText.sum(text, "jvm_memory_used_bytes", "area=\"heap\"");
            heapCommitted = PrometheusText.sum(text, "jvm_memory_committed_bytes", "area=\"heap\"");
            nonHeap = PrometheusText.sum(text, "jvm_memory_used_bytes", "area=\"nonheap\"");
            direct = PrometheusText.sum(text, "jvm_buffer_memory_used_bytes", "id=\"direct\"");
            live = PrometheusText.sum(text, "jvm_gc_live_data_size_bytes");
        }
        return new MemorySample(process, elapsedSeconds, rss, heapUsed, heapCommitted, nonHeap, direct, live);
    }

    /** VmRSS of a {@code /proc/<pid>/status} file, in bytes. */
    static long rss(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // the kernel reports kB
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("process gone: cannot read " + status, e);
        }
        throw new IllegalStateException(status + " has no VmRSS line (a zombie process?)");
    }

    private String fetch() {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(metrics)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(metrics + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(process + ": " + metrics + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.weights2eq.soak;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Samples every probe on a fixed schedule, writes {@code samples.jsonl} as it goes (a soak stopped early keeps
 * what it measured), and at the end {@code summary.md} and {@code soak.png}.
 */
public final class SoakRecorder {
    private final List<MemoryProbe> probes;
    private final Path out;
    private final PrintStream stdout;

    public SoakRecorder(List<MemoryProbe> probes, Path out, PrintStream stdout) {
        this.probes = List.copyOf(probes);
        this.out = out;
        this.stdout = stdout;
    }

    /** Returns 0 when every process stayed flat, 1 when one grew or died. */
    public int run(
            double seconds,
            double intervalSeconds,
            double warmupSeconds,
            String bootstrap,
            String decoderUrl,
            double decodeRate) {
        List<MemorySample> samples = new ArrayList<>();
        String died = null;
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        DecodeTraffic traffic = decodeRate > 0 ? new DecodeTraffic(bootstrap, decoderUrl, decodeRate) : null;
        if (traffic != null) {
            traffic.start();
        }
        long start = System.nanoTime();
        long intervalNanos = (long) (intervalSeconds * 1e9);
        try (BufferedWriter jsonl = Files.newBufferedWriter(out.resolve("samples.jsonl"))) {
            for (long tick = 0; ; tick++) {
                long due = start + tick * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (elapsed > seconds + intervalSeconds / 2) {
                    break;
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%6.1f min]", elapsed / 60));
                for (MemoryProbe probe : probes) {
                    MemorySample s;
                    try {
                        s = probe.sample(elapsed);
                    } catch (IllegalStateException e) {
                        died = probe.process() + ": " + e.getMessage();
                        break;
                    }
                    samples.add(s);
                    jsonl.write(s.toJson());
                    jsonl.newLine();
                    line.append(String.format(Locale.ROOT, " %s %s", s.process(), mb(s.rss())));
                    if (s.heapUsed() >= 0) {
                        line.append(
                                String.format(Locale.ROOT, " (heap %s, off %s)", mb(s.heapUsed()), mb(s.offHeap())));
                    }
                }
                if (died != null) {
                    break;
                }
                if (traffic != null) {
                    line.append(
                            String.format(Locale.ROOT, " | decode ok %d, failed %d", traffic.ok(), traffic.failed()));
                }
                jsonl.flush();
                stdout.println(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (traffic != null) {
                traffic.close();
            }
        }
        return finish(samples, warmupSeconds, died, traffic);
    }

    /** Summarises a finished soak's {@code samples.jsonl} again (another warm-up, say) into this recorder's directory. */
    public int summarise(Path samplesFile, double warmupSeconds) {
        List<MemorySample> samples = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (String line : Files.readAllLines(samplesFile)) {
                if (!line.isBlank()) {
                    samples.add(MemorySample.fromJson(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + samplesFile, e);
        }
        return finish(samples, warmupSeconds, null, null);
    }

    private int finish(List<MemorySample> samples, double warmupSeconds, String died, DecodeTraffic traffic) {
        SoakSummary summary = SoakSummary.of(samples, warmupSeconds);
        StringBuilder md = new StringBuilder(summary.text());
        if (traffic != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "  POST /decode during the soak: %d answered 200, %d failed%n",
                    traffic.ok(),
                    traffic.failed()));
        }
        if (died != null) {
            md.append("  A PROCESS DIED: ").append(died).append(System.lineSeparator());
        }
        stdout.print(md);
        try {
            Files.writeString(out.resolve("summary.md"), md.toString());
            if (!samples.isEmpty()) {
                SoakPlot.write(samples, out.resolve(SoakPlot.FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary to " + out, e);
        }
        stdout.println("soak: samples, summary.md and " + SoakPlot.FILE + " in " + out);
        return died == null && summary.allFlat() ? 0 : 1;
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0fM", bytes / (double) (1 << 20));
    }
}

package io.weights2eq.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakTest {
    private static final long MB = 1 << 20;

    @Test
    void prometheusSumsTheMatchingSamplesOnly() {
        String text = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.5E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 4.0E7
                jvm_memory_used_bytes_total 9
                jvm_buffer_memory_used_bytes{id="direct"} 1024.0
                """;
        assertEquals(35_000_000, PrometheusText.sum(text, "jvm_memory_used_bytes", "area=\"heap\""));
        assertEquals(40_000_000, PrometheusText.sum(text, "jvm_memory_used_bytes", "area=\"nonheap\""));
        assertEquals(1024, PrometheusText.sum(text, "jvm_buffer_memory_used_bytes", "id=\"direct\""));
        assertEquals(-1, PrometheusText.sum(text, "jvm_buffer_memory_used_bytes", "id=\"mapped\""));
    }

    @Test
    void rssIsReadInBytesFromProcStatus(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  204800 kB\nThreads:\t40\n");
        assertEquals(200 * MB, MemoryProbe.rss(status));
        assertThrows(IllegalStateException.class, () -> MemoryProbe.rss(dir.resolve("gone")));
    }

    @Test
    void aSteadyProcessIsFlatAndALeakingOneIsNot() {
        List<MemorySample> samples = new ArrayList<>();
        for (int i = 0; i <= 360; i++) { // an hour every 10 s
            double t = i * 10.0;
            long jitter = (i % 7) * MB; // GC sawtooth, no trend
            samples.add(new MemorySample(
                    "steady", t, 400 * MB + jitter, 100 * MB + jitter, 256 * MB, 80 * MB, MB, 90 * MB));
            long leaked = (long) (t / 3600 * 200 * MB); // 200 MB an hour off-heap
            samples.add(new MemorySample("leaky", t, 400 * MB + leaked, 100 * MB, 256 * MB, 80 * MB, MB, 90 * MB));
        }
        SoakSummary summary = SoakSummary.of(samples, 600);
        var steady = summary.processes().get(0);
        var leaky = summary.processes().get(1);
        assertTrue(steady.flat(), steady.line());
        assertTrue(Math.abs(steady.rssSlopeMbPerHour()) < 2, steady.line());
        assertFalse(leaky.flat(), leaky.line());
        assertEquals(200, leaky.rssSlopeMbPerHour(), 0.5);
        assertEquals(200, leaky.offHeapSlopeMbPerHour(), 0.5);
        assertEquals(301, steady.samples(), "samples before the warm-up are left out");
        assertFalse(summary.allFlat());
    }

    @Test
    void heapCommittedUpToXmxIsNotALeakButAGrowingLiveHeapIs() {
        List<MemorySample> samples = new ArrayList<>();
        for (int i = 0; i <= 360; i++) {
            double t = i * 10.0;
            long committed = Math.min(1024 * MB, 300 * MB + (long) (t / 3600 * 1400 * MB)); // G1 expanding to -Xmx
            long sawtooth = (i % 12) * 40 * MB; // collections every 2 minutes
            samples.add(new MemorySample(
                    "expanding",
                    t,
                    committed + 600 * MB,
                    150 * MB + sawtooth,
                    committed,
                    90 * MB,
                    MB,
                    120 * MB + (i % 3) * MB));
            long live = 150 * MB + (long) (t / 3600 * 300 * MB); // 300 MB an hour kept
            samples.add(new MemorySample("retaining", t, 1624 * MB, live + sawtooth, 1024 * MB, 90 * MB, MB, live));
            // no live-heap figure (an older soak's samples): judged on RSS
            samples.add(new MemorySample(
                    "unknown", t, committed + 600 * MB, 150 * MB + sawtooth, committed, 90 * MB, MB, -1));
        }
        SoakSummary summary = SoakSummary.of(samples, 600);
        var expanding = summary.processes().get(0);
        var retaining = summary.processes().get(1);
        assertTrue(expanding.rssSlopeMbPerHour() > 500, expanding.line());
        assertTrue(expanding.flat(), expanding.line());
        assertFalse(retaining.flat(), retaining.line());
        assertEquals(300, retaining.liveHeapSlopeMbPerHour(), 1);
        assertFalse(
                summary.processes().get(2).flat(), summary.processes().get(2).line());
    }

    @Test
    void aFinishedSoakIsSummarisedAgainFromItsSamples(@TempDir Path dir) throws Exception {
        MemorySample s = new MemorySample("decoder", 12.5, 500 * MB, 100 * MB, 256 * MB, 80 * MB, MB, 70 * MB);
        assertEquals(s, MemorySample.fromJson(s.toJson()));
        String older = s.toJson().replace(",\"liveHeapBytes\":" + 70 * MB, "");
        assertEquals(-1, MemorySample.fromJson(older).liveHeap(), older);
        assertThrows(IllegalArgumentException.class, () -> MemorySample.fromJson("{\"process\":\"x\"}"));
    }

    @Test
    void recordsThisJvmAndWritesTheReport(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<MemoryProbe> probes =
                List.of(new MemoryProbe("self", ProcessHandle.current().pid(), 0));
        int rc = new SoakRecorder(probes, dir, new PrintStream(buf, true, StandardCharsets.UTF_8))
                .run(0.6, 0.2, 0, "unused:9", "http://unused", 0);
        String printed = buf.toString(StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(dir.resolve("samples.jsonl"));
        assertTrue(lines.size() >= 3, printed);
        assertTrue(
                lines.get(0).contains("\"process\":\"self\"") && lines.get(0).contains("\"heapUsedBytes\":-1"),
                lines.get(0));
        assertTrue(Files.size(dir.resolve("soak.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("self"), printed);
        assertTrue(rc == 0 || printed.contains("GROWING"), printed);
    }

    @Test
    void aProcessThatIsGoneFailsTheSoak(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        long pid = p.pid();
        p.destroyForcibly().waitFor();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = new SoakRecorder(
                        List.of(new MemoryProbe("gone", pid, 0)),
                        dir,
                        new PrintStream(buf, true, StandardCharsets.UTF_8))
                .run(1, 0.2, 0, "unused:9", "http://unused", 0);
        assertEquals(1, rc);
        assertTrue(
                buf.toString(StandardCharsets.UTF_8).contains("A PROCESS DIED: gone"),
                buf.toString(StandardCharsets.UTF_8));
    }
}

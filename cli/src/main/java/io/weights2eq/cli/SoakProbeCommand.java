package io.weights2eq.cli;

import io.weights2eq.soak.MemoryProbe;
import io.weights2eq.soak.SoakRecorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soak-probe}: samples the memory of every process of a running pipeline every {@code --interval-s} for
 * {@code --minutes}, while {@code POST /decode} traffic runs beside the pipeline's own work, then says whether
 * each process stayed flat. {@code bin/w2e soak} starts the pipeline and its load and calls this. With
 * {@code --samples FILE} it summarises a finished soak's {@code samples.jsonl} again (e.g. with another warm-up).
 */
@Command(
        name = "soak-probe",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "What bin/w2e soak runs: sample the RSS (and, for a service with /q/metrics at PORT, heap, non-heap and direct buffers) of every process while POST /decode traffic runs; write samples.jsonl, summary.md and soak.png; exit 1 if a process grew or died. With --samples, summarise a finished soak again.")
final class SoakProbeCommand extends CliCommand {
    @Option(names = "--processes", split = ",", paramLabel = "NAME=PID[@PORT]", description = "the processes to sample")
    List<String> processes;

    @Option(names = "--samples", paramLabel = "SAMPLES.jsonl", description = "summarise this finished soak instead")
    Path samples;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "where samples.jsonl, summary.md and soak.png go")
    Path outDir;

    @Option(names = "--minutes", defaultValue = "60", description = "how long (default ${DEFAULT-VALUE})")
    double minutes;

    @Option(
            names = "--interval-s",
            defaultValue = "10",
            description = "seconds between samples (default ${DEFAULT-VALUE})")
    double intervalSeconds;

    @Option(names = "--warmup-s", description = "seconds left out of the growth figures (default: min(600, run/6))")
    Double warmupOption;

    @Option(
            names = "--bootstrap",
            defaultValue = "localhost:9092",
            description = "the broker (default ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(
            names = "--decoder-url",
            defaultValue = "http://localhost:8083",
            description = "where POST /decode goes (default ${DEFAULT-VALUE})")
    String decoderUrl;

    @Option(
            names = "--decode-rate",
            defaultValue = "5",
            description = "POST /decode per second, 0 to 1000 (default ${DEFAULT-VALUE})")
    double decodeRate;

    private final List<MemoryProbe> probes = new ArrayList<>();
    private double warmupSeconds;

    private void checkOptions() {
        if (samples == null) {
            if (processes == null) {
                throw new W2eCli.UsageException("--processes is required (or --samples)");
            }
            for (String spec : processes) {
                probes.add(probe(spec.trim()));
            }
        }
        positive("--minutes", minutes);
        positive("--interval-s", intervalSeconds);
        double run = minutes * 60;
        warmupSeconds = warmupOption != null ? warmupOption : Math.min(600, run / 6);
        if (decodeRate < 0 || decodeRate > 1000) {
            throw new W2eCli.UsageException("--decode-rate must be in [0, 1000], was " + decodeRate);
        }
        if (warmupSeconds < 0 || warmupSeconds >= run) {
            throw new W2eCli.UsageException("--warmup-s must be in [0, minutes*60), was " + warmupSeconds);
        }
    }

    /** {@code name=PID@PORT} (a service with /q/metrics) or {@code name=PID} (RSS only). */
    static MemoryProbe probe(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new W2eCli.UsageException("--processes: expected name=PID[@PORT], was '" + spec + "'");
        }
        String name = spec.substring(0, eq);
        String rest = spec.substring(eq + 1);
        int at = rest.indexOf('@');
        try {
            long pid = Long.parseLong(at < 0 ? rest : rest.substring(0, at));
            int port = at < 0 ? 0 : Integer.parseInt(rest.substring(at + 1));
            if (pid <= 0 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new MemoryProbe(name, pid, port);
        } catch (NumberFormatException e) {
            throw new W2eCli.UsageException(
                    "--processes: PID and PORT of '" + spec + "' must be a positive number and a port");
        }
    }

    private static void positive(String option, double v) {
        if (!(v > 0)) {
            throw new W2eCli.UsageException(option + " must be > 0, was " + v);
        }
    }

    @Override
    int run() {
        checkOptions();
        SoakRecorder recorder = new SoakRecorder(probes, outDir, out);
        if (samples != null) {
            return recorder.summarise(samples, warmupSeconds);
        }
        return recorder.run(minutes * 60, intervalSeconds, warmupSeconds, bootstrap, decoderUrl, decodeRate);
    }
}

package io.weights2eq.cli;

import io.weights2eq.soak.MemoryProbe;
import io.weights2eq.soak.SoakRecorder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code soak}: samples the memory of every process of a running pipeline every {@code --interval-s} for
 * {@code --minutes}, while {@code POST /decode} traffic runs beside the pipeline's own work, then says whether
 * each process stayed flat. {@code bin/w2e soak} starts the pipeline and its load and calls this. With
 * {@code --samples FILE} it summarises a finished soak's {@code samples.jsonl} again (e.g. with another warm-up).
 */
final class SoakCommand {
    private final List<MemoryProbe> probes = new ArrayList<>();
    private final double minutes;
    private final double intervalSeconds;
    private final double warmupSeconds;
    private final Path out;
    private final String bootstrap;
    private final String decoderUrl;
    private final double decodeRate;
    private final PrintStream stdout;
    private final Path samples;

    SoakCommand(Args args, PrintStream out, PrintStream err) {
        String fromSamples = args.string("samples", null);
        this.samples = fromSamples == null ? null : Path.of(fromSamples);
        if (samples == null) {
            for (String spec : args.required("processes").split(",")) {
                probes.add(probe(spec.trim()));
            }
        }
        this.minutes = positive(args, "minutes", 60);
        this.intervalSeconds = positive(args, "interval-s", 10);
        double run = minutes * 60;
        this.warmupSeconds = args.optionalDouble("warmup-s") != null ? args.optionalDouble("warmup-s") : Math.min(600, run / 6);
        this.out = Path.of(args.required("out"));
        this.bootstrap = args.string("bootstrap", "localhost:9092");
        this.decoderUrl = args.string("decoder-url", "http://localhost:8083");
        Double rate = args.optionalDouble("decode-rate");
        this.decodeRate = rate == null ? 5 : rate;
        args.rejectUnknown();
        if (decodeRate < 0 || decodeRate > 1000) {
            throw new W2eCli.UsageException("--decode-rate must be in [0, 1000], was " + decodeRate);
        }
        if (warmupSeconds < 0 || warmupSeconds >= run) {
            throw new W2eCli.UsageException("--warmup-s must be in [0, minutes*60), was " + warmupSeconds);
        }
        this.stdout = out;
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
            throw new W2eCli.UsageException("--processes: PID and PORT of '" + spec + "' must be a positive number and a port");
        }
    }

    private static double positive(Args args, String name, double fallback) {
        Double v = args.optionalDouble(name);
        if (v != null && !(v > 0)) {
            throw new W2eCli.UsageException("--" + name + " must be > 0, was " + v);
        }
        return v == null ? fallback : v;
    }

    int run() {
        SoakRecorder recorder = new SoakRecorder(probes, out, stdout);
        if (samples != null) {
            return recorder.summarise(samples, warmupSeconds);
        }
        return recorder.run(minutes * 60, intervalSeconds, warmupSeconds, bootstrap, decoderUrl, decodeRate);
    }
}

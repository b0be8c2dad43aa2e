package io.weights2eq.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.BenchmarkTasks;
import io.weights2eq.domain.training.Fit;
import io.weights2eq.domain.training.MinibatchOrder;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.CpuBackends;
import io.weights2eq.training.djl.DjlBackendConfig;
import io.weights2eq.training.djl.DjlTrainingBackend;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Trains the same equations with our CPU kernel ({@link CpuBackends#best(int)}), the DJL backend on the CPU
 * and, where {@code import torch} works, the PyTorch reference peer ({@code ../shared/peer}), side by side
 * in one run, alternating engine after engine in every round, and prints one JSON line: per engine the
 * rate (equations per second of wall clock, the median over the rounds; the best round too, the better
 * estimate on a machine shared with other work), the median and p90 relative
 * validation MSE (every engine's networks measured here the same way, {@link Fit}), GFLOP/s (the layout's
 * FLOP per sample, 897 for tanh 1-8-7-8-1, times the samples trained) and the fraction of the fp32 peak
 * measured in the same run ({@code peak_matmul.py}); and the ratios ours/peer and ours/djl. The peer and
 * DJL each run with 1 thread and with all cores, and the faster counts (the peer's best is often 1 thread).
 *
 * <p>Not a test: run it with {@code bin/w2e bench trainer}. Progress goes to stderr, the JSON line to
 * stdout and to {@code <out-dir>/trainer-<time>.json}.
 */
public final class TrainerBenchmark {
    private static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .serializeSpecialFloatingPointValues()
            .create();

    private final Options o;
    private final TrainingConfig config;
    private final List<TrainingTask> equations;
    private final int cores = Runtime.getRuntime().availableProcessors();

    private TrainerBenchmark(Options options) {
        this.o = options;
        this.config = TrainingConfig.defaults()
                .withActivation(Activation.fromLabel(options.activation))
                .withSteps(options.steps)
                .withSamples(options.train, options.samples - options.train, options.minibatch);
        this.equations = BenchmarkTasks.generate(options.seed, options.equations, options.samples);
    }

    /** The command line: {@code bin/w2e bench trainer --help} prints it. */
    @Command(
            name = "bench trainer",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            usageHelpWidth = 120,
            description =
                    "Train the same equations with our CPU kernel, DJL (PyTorch, CPU) and the PyTorch peer,"
                            + " alternating engine after engine in every round; print one JSON line and keep it under --out-dir.")
    static final class Options {
        @Option(
                names = "--equations",
                defaultValue = "256",
                description = "equations trained by each engine (default ${DEFAULT-VALUE})")
        int equations;

        @Option(
                names = "--activation",
                defaultValue = "tanh",
                paramLabel = "tanh|relu|sigmoid|softplus",
                description = "the networks' activation (default ${DEFAULT-VALUE})")
        String activation;

        @Option(names = "--steps", defaultValue = "1000", description = "training steps (default ${DEFAULT-VALUE})")
        int steps;

        @Option(
                names = "--minibatch",
                defaultValue = "500",
                description = "samples per step (default ${DEFAULT-VALUE})")
        int minibatch;

        @Option(
                names = "--samples",
                defaultValue = "5000",
                description = "samples per equation (default ${DEFAULT-VALUE})")
        int samples;

        @Option(
                names = "--train",
                defaultValue = "4000",
                description = "of which trained on; the rest validate (default ${DEFAULT-VALUE})")
        int train;

        @Option(
                names = "--rounds",
                defaultValue = "3",
                description = "rounds, each engine once per round (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--threads", description = "our kernel's threads (default: the cores)")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--seed", defaultValue = "1", description = "the equations' seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(
                names = "--engines",
                defaultValue = "ours,peer,djl",
                split = ",",
                description = "the engines to run (default ${DEFAULT-VALUE})")
        List<String> engines;

        @Option(
                names = "--out-dir",
                defaultValue = "run/bench",
                description = "where the JSON line is kept (default ${DEFAULT-VALUE})")
        Path outDir;

        @Option(
                names = "--peer-dir",
                defaultValue = "../shared/peer",
                description = "the PyTorch reference trainer (default ${DEFAULT-VALUE})")
        Path peerDir;

        @Option(
                names = "--driver",
                defaultValue = "benchmarks/src/main/python/peer_driver.py",
                description = "the peer's driver script (default ${DEFAULT-VALUE})")
        Path driver;

        @Option(
                names = "--python",
                defaultValue = "/usr/bin/python3",
                description = "the Python that imports torch (default ${DEFAULT-VALUE})")
        String python;

        @Option(names = "--djl-max-batch", description = "networks per DJL program (default: DJL backend's)")
        int djlMaxBatch = DjlBackendConfig.defaults().maxBatch();

        @Option(
                names = "--peer-batch-nets",
                defaultValue = "64",
                description = "networks per peer batch (default ${DEFAULT-VALUE})")
        int peerBatchNets;

        /** Parsed and checked; {@code null} when help was asked for (and printed). */
        static Options parse(String[] args) {
            Options o = new Options();
            CommandLine cli = new CommandLine(o);
            if (CommandLine.printHelpIfRequested(cli.parseArgs(args))) {
                return null;
            }
            Activation.fromLabel(o.activation);
            if (o.equations < 1
                    || o.steps < 1
                    || o.rounds < 1
                    || o.threads < 1
                    || o.train >= o.samples
                    || o.minibatch < 1
                    || o.minibatch > o.train) {
                throw new ParameterException(
                        cli,
                        "need equations, steps, rounds, threads ≥ 1, train < samples and" + " 1 ≤ minibatch ≤ train");
            }
            return o;
        }
    }

    /** FLOP per training sample (forward + backward) of a 1-input MLP, counted as the peer's README does. */
    static long flopPerSample(NetworkLayout layout, Activation activation) {
        long forward = 0;
        long inputGradients = 0;
        long biases = 0;
        long hidden = 0;
        for (int k = 0; k < layout.linearLayers(); k++) {
            long product = (long) layout.size(k) * layout.size(k + 1);
            forward += 2 * product;
            if (k > 0) {
                inputGradients += 2 * product;
            }
            biases += 2L * layout.size(k + 1);
            if (k < layout.linearLayers() - 1) {
                hidden += layout.size(k + 1);
            }
        }
        long activationBackward = switch (activation) {
            case RELU -> 1;
            case TANH, SIGMOID, SOFTPLUS -> 3;
        };
        // forward + weight gradients + input gradients + biases + activation (1) + its derivative + loss (5)
        return forward + forward + inputGradients + biases + hidden + activationBackward * hidden + 5;
    }

    /** Training samples one network sees in {@code steps} steps (the last minibatch of an epoch may be smaller). */
    static long samplesTrained(int steps, int train, int minibatch) {
        int perEpoch = MinibatchOrder.batchesPerEpoch(train, minibatch);
        long epochs = steps / perEpoch;
        int rest = steps % perEpoch;
        return epochs * train + Math.min((long) rest * minibatch, train);
    }

    /** One engine's runs: seconds per round and the last round's parameters. */
    private static final class Runs {
        final String name;
        final Map<String, Object> extra = new LinkedHashMap<>();
        final List<Double> seconds = new ArrayList<>();
        List<float[]> parameters;
        String failure;

        Runs(String name) {
            this.name = name;
        }

        double medianSeconds() {
            double[] s =
                    seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
    }

    private static void log(String message) {
        System.err.println("bench: " + message);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (ParameterException e) {
            System.err.println("error: " + e.getMessage());
            e.getCommandLine().usage(System.err);
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) { // an unknown activation
            System.err.println("error: --activation: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.exit(0);
        }
        Map<String, Object> result = new TrainerBenchmark(options).run();
        String line = GSON.toJson(result);
        Files.createDirectories(options.outDir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path file = options.outDir.resolve("trainer-" + stamp + ".json");
        Files.writeString(file, line + "\n");
        log("written " + file);
        System.out.println(line);
        System.exit(0); // the DJL and kernel worker threads are daemons, but the engine may hold others
    }

    private Map<String, Object> run() throws Exception {
        log(String.format(
                Locale.ROOT,
                "%d equations, %s, %d steps of %d, %d rounds, %d threads, engines %s",
                o.equations,
                o.activation,
                o.steps,
                o.minibatch,
                o.rounds,
                o.threads,
                o.engines));
        String torch = o.engines.contains("peer") ? torchProbe() : "not asked for";
        boolean peer = torch == null;
        if (!peer) {
            log("no peer: " + torch);
        }
        Files.createDirectories(o.outDir);
        Path data = null;
        Map<String, Object> peakStart = null;
        List<Integer> peerThreads = o.threads > 1 ? List.of(1, o.threads) : List.of(1);
        List<Integer> djlThreads = o.threads > 1 ? List.of(1, o.threads) : List.of(1);
        Map<String, Runs> runs = new LinkedHashMap<>();
        try {
            if (peer) {
                data = o.outDir.resolve("tmp-" + ProcessHandle.current().pid() + "-data.bin");
                writeData(data);
                peakStart = peak();
            }
            if (o.engines.contains("ours") || o.engines.contains("djl")) {
                warmUp();
            }
            for (int round = 1; round <= o.rounds; round++) {
                if (o.engines.contains("ours")) {
                    runOurs(runs.computeIfAbsent("ours", Runs::new), round);
                }
                if (peer) {
                    for (int t : peerThreads) {
                        runPeer(runs.computeIfAbsent("peer-" + t + "t", Runs::new), data, t, round);
                    }
                }
                if (o.engines.contains("djl")) {
                    for (int t : djlThreads) {
                        runDjl(runs.computeIfAbsent("djl-" + t + "t", Runs::new), t, round);
                    }
                }
            }
            Map<String, Object> peakEnd = peer ? peak() : null;
            return report(runs, torch, peakStart, peakEnd);
        } finally {
            if (data != null) {
                Files.deleteIfExists(data);
                Files.deleteIfExists(Path.of(data + ".out"));
            }
        }
    }

    // --- engines -------------------------------------------------------------------------------------

    private List<BackendTask> freshTasks() {
        return BenchmarkTasks.backendTasks(config, equations);
    }

    private void warmUp() {
        TrainingConfig small = config.withSteps(20);
        List<BackendTask> few =
                BenchmarkTasks.backendTasks(small, equations.subList(0, Math.min(16, equations.size())));
        if (o.engines.contains("ours")) {
            try (TrainingBackend backend = CpuBackends.best(o.threads)) {
                backend.train(small, few);
            }
        }
        if (o.engines.contains("djl")) {
            try (TrainingBackend backend = new DjlTrainingBackend(djlConfig(1))) {
                backend.train(
                        small,
                        BenchmarkTasks.backendTasks(small, equations.subList(0, Math.min(16, equations.size()))));
            }
        }
    }

    private DjlBackendConfig djlConfig(int threads) {
        return DjlBackendConfig.forCores(threads).withMaxBatch(o.djlMaxBatch);
    }

    private void runOurs(Runs runs, int round) {
        try (TrainingBackend backend = CpuBackends.best(o.threads)) {
            runs.extra.put("backend", backend.name());
            runs.extra.put("threads", o.threads);
            timed(runs, backend, round);
        }
    }

    private void runDjl(Runs runs, int threads, int round) {
        DjlBackendConfig djl = djlConfig(threads);
        try (DjlTrainingBackend backend = new DjlTrainingBackend(djl)) {
            runs.extra.put("backend", backend.name());
            runs.extra.put("threads", threads);
            runs.extra.put("config", djl.describe());
            timed(runs, backend, round);
        }
    }

    private void timed(Runs runs, TrainingBackend backend, int round) {
        List<BackendTask> tasks = freshTasks();
        long t0 = System.nanoTime();
        List<float[]> trained = backend.train(config, tasks);
        double seconds = (System.nanoTime() - t0) / 1e9;
        runs.seconds.add(seconds);
        runs.parameters = trained;
        log(String.format(
                Locale.ROOT, "round %d %-8s %8.2f s  %8.2f eq/s", round, runs.name, seconds, o.equations / seconds));
    }

    /** null when {@code import torch} works with the peer present, else why not. */
    private String torchProbe() {
        if (!Files.isRegularFile(o.peerDir.resolve("torch_mlp_bench.py"))) {
            return "no torch_mlp_bench.py in " + o.peerDir.toAbsolutePath().normalize();
        }
        if (!Files.isRegularFile(o.driver)) {
            return "no driver " + o.driver.toAbsolutePath().normalize();
        }
        try {
            Process p = new ProcessBuilder(o.python, "-c", "import torch")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return o.python + " -c 'import torch' did not finish in 120 s";
            }
            return p.exitValue() == 0
                    ? null
                    : o.python + " cannot import torch: "
                            + out.strip().lines().reduce((a, b) -> b).orElse("");
        } catch (IOException e) {
            return "cannot run " + o.python + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The equations for the peer: samples and initial parameters (see peer_driver.py for the format). */
    private void writeData(Path file) throws IOException {
        NetworkLayout layout = config.layout();
        List<BackendTask> tasks = freshTasks();
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 20))) {
            ByteBuffer header =
                    ByteBuffer.allocate(4 + 4 * (5 + layout.sizes().length)).order(ByteOrder.LITTLE_ENDIAN);
            header.put("W2EB".getBytes(StandardCharsets.US_ASCII))
                    .putInt(1)
                    .putInt(o.equations)
                    .putInt(o.samples)
                    .putInt(o.train)
                    .putInt(layout.sizes().length);
            for (int s : layout.sizes()) {
                header.putInt(s);
            }
            out.write(header.array());
            for (TrainingTask t : equations) {
                writeFloats(out, t.x(), o.samples);
            }
            for (TrainingTask t : equations) {
                writeFloats(out, t.y(), o.samples);
            }
            for (BackendTask t : tasks) {
                writeFloats(out, t.initialParameters(), layout.parameterCount());
            }
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putFloat(values[i]);
        }
        out.write(b.array());
    }

    private void runPeer(Runs runs, Path data, int threads, int round) {
        Path out = Path.of(data + ".out");
        List<String> command = List.of(
                o.python,
                o.driver.toString(),
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--peer-dir",
                o.peerDir.toString(),
                "--activation",
                o.activation,
                "--steps",
                String.valueOf(o.steps),
                "--minibatch",
                String.valueOf(o.minibatch),
                "--threads",
                String.valueOf(threads),
                "--batch-nets",
                String.valueOf(o.peerBatchNets));
        JsonObject line;
        try {
            line = runJson(command);
        } catch (RuntimeException e) {
            runs.failure = e.getMessage();
            log("peer failed: " + e.getMessage());
            return;
        }
        double seconds = line.get("train_s").getAsDouble();
        runs.seconds.add(seconds);
        runs.extra.put(
                "backend",
                "pytorch " + line.get("torch").getAsString() + " batched (torch_mlp_bench.py)," + " " + o.peerBatchNets
                        + " nets per bmm");
        runs.extra.put("threads", line.get("threads").getAsInt());
        runs.extra.put("blas", line.get("blas").getAsString());
        runs.extra.put("driver_median_rel_mse", line.get("median_rel_mse").getAsDouble());
        runs.parameters = readParameters(out);
        log(String.format(
                Locale.ROOT, "round %d %-8s %8.2f s  %8.2f eq/s", round, runs.name, seconds, o.equations / seconds));
    }

    private List<float[]> readParameters(Path file) {
        int p = config.layout().parameterCount();
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            List<float[]> out = new ArrayList<>(o.equations);
            for (int n = 0; n < o.equations; n++) {
                float[] params = new float[p];
                for (int i = 0; i < p; i++) {
                    params[i] = b.getFloat();
                }
                out.add(params);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** fp32 matmul peak with all threads, from the peer's peak_matmul.py (its last line is JSON). */
    private Map<String, Object> peak() {
        Path script = o.peerDir.resolve("peak_matmul.py");
        Map<String, Object> peak = new LinkedHashMap<>();
        try {
            JsonObject line = runJson(List.of(
                    o.python, script.toString(), "--threads", String.valueOf(o.threads), "--n", "4096", "--reps", "5"));
            peak.put("best_gflops", line.get("best_gflops").getAsDouble());
            peak.put("median_gflops", line.get("median_gflops").getAsDouble());
            peak.put("threads", line.get("threads").getAsInt());
            log(String.format(
                    Locale.ROOT,
                    "fp32 peak %.1f GFLOP/s (%d threads)",
                    line.get("best_gflops").getAsDouble(),
                    line.get("threads").getAsInt()));
        } catch (RuntimeException e) {
            peak.put("failure", e.getMessage());
            log("peak failed: " + e.getMessage());
        }
        return peak;
    }

    /** Runs a command (stderr passed through), returns its last stdout line parsed as JSON. */
    private static JsonObject runJson(List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String last = null;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    if (!l.isBlank()) {
                        last = l;
                    }
                }
            }
            if (!p.waitFor(1, TimeUnit.HOURS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(1) + " did not finish in an hour");
            }
            if (p.exitValue() != 0 || last == null) {
                throw new IllegalStateException(command.get(1) + " exited with " + p.exitValue());
            }
            return JsonParser.parseString(last).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // --- report ------------------------------------------------------------------------------------------

    /** Relative validation MSE of each network (validation MSE / max(Var(y), 1e-2)), in double precision. */
    private double[] relativeValidationMse(List<float[]> parameters) {
        double[] rel = new double[parameters.size()];
        for (int n = 0; n < rel.length; n++) {
            TrainingTask t = equations.get(n);
            Network network = new Network(config.layout(), config.activation(), parameters.get(n));
            double mse = Fit.mse(network, t.x(), t.y(), o.train, o.samples);
            rel[n] = Fit.relative(mse, Fit.variance(t.y(), o.train, o.samples));
        }
        return rel;
    }

    /** numpy's default quantile (linear interpolation between order statistics). */
    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private Map<String, Object> engineReport(Runs runs, double flopPerEquation, Double peak) {
        Map<String, Object> e = new LinkedHashMap<>(runs.extra);
        if (runs.failure != null || runs.seconds.isEmpty()) {
            e.put("failure", runs.failure);
            return e;
        }
        double eqPerS = o.equations / runs.medianSeconds();
        double gflops = eqPerS * flopPerEquation / 1e9;
        double[] rel = relativeValidationMse(runs.parameters);
        e.put("eq_per_s", eqPerS);
        e.put("eq_per_s_rounds", runs.seconds.stream().map(s -> o.equations / s).toList());
        e.put(
                "eq_per_s_best",
                o.equations
                        / runs.seconds.stream()
                                .mapToDouble(Double::doubleValue)
                                .min()
                                .orElseThrow());
        e.put("median_rel_mse", quantile(rel, 0.5));
        e.put("p90_rel_mse", quantile(rel, 0.9));
        e.put(
                "converged_fraction",
                Arrays.stream(rel).filter(r -> r <= config.targetRelativeMse()).count() / (double) rel.length);
        e.put("gflops", gflops);
        e.put("fraction_of_peak", peak == null ? null : gflops / peak);
        return e;
    }

    /** The faster of an engine's thread counts, with all of them listed under by_threads. */
    private Map<String, Object> fastest(Map<String, Runs> runs, String prefix, double flopPerEquation, Double peak) {
        Map<String, Object> byThreads = new LinkedHashMap<>();
        Map<String, Object> best = null;
        for (Map.Entry<String, Runs> r : runs.entrySet()) {
            if (!r.getKey().startsWith(prefix + "-")) {
                continue;
            }
            Map<String, Object> e = engineReport(r.getValue(), flopPerEquation, peak);
            byThreads.put(r.getKey().substring(prefix.length() + 1), e);
            if (e.containsKey("eq_per_s")
                    && (best == null || (double) e.get("eq_per_s") > (double) best.get("eq_per_s"))) {
                best = e;
            }
        }
        if (byThreads.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(best == null ? Map.of("failure", "every run failed") : best);
        out.put("by_threads", byThreads);
        return out;
    }

    private Map<String, Object> report(
            Map<String, Runs> runs, String torch, Map<String, Object> peakStart, Map<String, Object> peakEnd) {
        long flopPerSample = flopPerSample(config.layout(), config.activation());
        double flopPerEquation = (double) flopPerSample * samplesTrained(o.steps, o.train, o.minibatch);
        Double peak = null;
        for (Map<String, Object> p : Arrays.asList(peakStart, peakEnd)) {
            if (p != null && p.get("best_gflops") instanceof Double g) {
                peak = peak == null ? g : Math.max(peak, g);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("bench", "trainer");
        r.put("time", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        r.put("equations", o.equations);
        r.put("steps", o.steps);
        r.put("minibatch", o.minibatch);
        r.put("activation", o.activation);
        r.put("samples", o.samples);
        r.put("train", o.train);
        r.put("layout", config.layout().sizes());
        r.put("lr", config.learningRate());
        r.put("seed", o.seed);
        r.put("rounds", o.rounds);
        r.put("cores", cores);
        r.put("threads", o.threads);
        r.put("flop_per_sample", flopPerSample);
        Map<String, Object> peakInfo = new LinkedHashMap<>();
        peakInfo.put("gflops", peak);
        peakInfo.put(
                "source",
                peak == null
                        ? "not measured: " + torch
                        : "peer/peak_matmul.py, fp32 sgemm 4096³, " + o.threads
                                + " threads, best of the start and end of this run");
        peakInfo.put("start", peakStart);
        peakInfo.put("end", peakEnd);
        r.put("peak", peakInfo);
        Map<String, Object> engines = new LinkedHashMap<>();
        Map<String, Object> ours =
                runs.containsKey("ours") ? engineReport(runs.get("ours"), flopPerEquation, peak) : null;
        Map<String, Object> peer = fastest(runs, "peer", flopPerEquation, peak);
        Map<String, Object> djl = fastest(runs, "djl", flopPerEquation, peak);
        engines.put("ours", ours);
        engines.put("peer", peer != null ? peer : Map.of("available", false, "reason", torch));
        engines.put("djl", djl);
        r.put("engines", engines);
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("ours_over_peer", ratio(ours, peer));
        ratios.put("ours_over_djl", ratio(ours, djl));
        r.put("ratios", ratios);
        r.put("loadavg_1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return r;
    }

    private static Double ratio(Map<String, Object> a, Map<String, Object> b) {
        if (a == null
                || b == null
                || !(a.get("eq_per_s") instanceof Double x)
                || !(b.get("eq_per_s") instanceof Double y)) {
            return null;
        }
        return x / y;
    }
}

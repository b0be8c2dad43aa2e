package io.weights2eq.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.deploy.cli.W2eCli.UsageException;
import io.weights2eq.deploy.eval.EvalExample;
import io.weights2eq.deploy.eval.EvalPlots;
import io.weights2eq.deploy.eval.EvalReport;
import io.weights2eq.deploy.eval.MethodOutcome;
import io.weights2eq.deploy.eval.PolynomialFit;
import io.weights2eq.deploy.eval.TrainerFigures;
import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.EquationDecoder;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.analytic.ProjectionDecoder;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.decoding.taylor.TaylorDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkFormatException;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.CpuBackends;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code eval}: an evaluation report of the decoders.
 * <ul>
 * <li>{@code eval --equations N [--family servant|uniform-length] [--seed 777] [--activation relu] [--steps 1000]
 *     [--threads N]}: draws N held-out equations in process (the generator's {@link EquationGenerator}, 5,000
 *     samples each), trains one network each with the trainer's engine ({@link NetworkTrainer} on the CPU kernel,
 *     the trainer-service's defaults), then decodes them;</li>
 * <li>{@code eval --networks FILE.jsonl --truth TRUTH.jsonl}: the same for networks trained elsewhere, the truth
 *     matched by id ({@code {"id": "...", "equation": "<canonical text>"}} per line).</li>
 * </ul>
 * Both take {@code [--methods learned,analytic,taylor,hybrid] [--model PATH] [--beam 1] [--out DIR]
 * [--checkpoints DIR]}. Every network is decoded by every method, one network at a time (timed), and the report
 * directory gets {@code summary.md}, {@code results.jsonl} and PNG plots ({@link EvalPlots}). Progress goes to
 * stderr, the per-method table and the report's location to stdout. Exit 0 when the report was written.
 */
final class EvalCommand {
    static final String LEARNED = LearnedDecoder.METHOD;
    static final String ANALYTIC = ProjectionDecoder.METHOD;
    static final String TAYLOR = TaylorDecoder.METHOD;
    static final String HYBRID = HybridDecoder.METHOD;
    static final List<String> METHODS = List.of(LEARNED, ANALYTIC, TAYLOR, HYBRID);
    /** Disjoint from the job seed the shipped model's training equations were drawn with (20261122). */
    static final long DEFAULT_SEED = 777;
    /** The trainer-service's default {@code w2e.trainer.training-seed}. */
    static final long TRAINING_SEED = 1;
    /** The Taylor expansion's order (as decoder-service's method "taylor"). */
    static final int TAYLOR_ORDER = 9;
    static final int MAX_EQUATIONS = 1_000_000;
    static final long PROGRESS_NANOS = 3_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN_ARG = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private final String commandLine;
    private final Long equations;
    private final Path networksFile;
    private final Path truthFile;
    private final String familyLabel;
    private final EquationFamily family;
    private final long seed;
    private final List<String> methods;
    private final Activation activation;
    private final int steps;
    private final int threads;
    private final Path model;
    private final boolean modelGiven;
    private final int beam;
    private final Path out;
    private final Path checkpoints;
    private final PrintStream stdout;
    private final PrintStream err;
    private String backendName = "";

    EvalCommand(Args args, String[] argv, PrintStream out, PrintStream err) {
        this.commandLine = commandLine(argv);
        this.equations = args.optionalLong("equations");
        String networks = args.string("networks", null);
        String truth = args.string("truth", null);
        if ((equations == null) == (networks == null)) {
            throw new UsageException("eval needs either --equations N or --networks FILE.jsonl --truth TRUTH.jsonl");
        }
        if (networks != null && truth == null) {
            throw new UsageException("--networks needs --truth TRUTH.jsonl (lines {\"id\": ..., \"equation\": ...})");
        }
        if (networks == null && truth != null) {
            throw new UsageException("--truth goes with --networks, not --equations");
        }
        this.networksFile = networks == null ? null : Path.of(networks);
        this.truthFile = truth == null ? null : Path.of(truth);
        if (equations != null && (equations < 1 || equations > MAX_EQUATIONS)) {
            throw new UsageException("--equations must be between 1 and " + MAX_EQUATIONS + ", was " + equations);
        }
        this.familyLabel = args.string("family", "servant");
        this.family = switch (familyLabel) {
            case "servant" -> EquationFamily.servant();
            case "uniform-length" -> EquationFamily.defaults();
            default -> throw new UsageException("--family must be servant or uniform-length, was '" + familyLabel
                    + "'");
        };
        this.methods = methods(args.string("methods", String.join(",", METHODS)));
        String modelPath = args.string("model", null);
        this.modelGiven = modelPath != null;
        this.model = modelPath != null ? Path.of(modelPath) : defaultModel();
        long beamWidth = args.longValue("beam", 1);
        if (beamWidth < 1 || beamWidth > 64) {
            throw new UsageException("--beam must be between 1 and 64, was " + beamWidth);
        }
        this.beam = (int) beamWidth;
        String outDir = args.string("out", null);
        this.out = outDir != null ? Path.of(outDir) : defaultOut();
        String checkpointDir = args.string("checkpoints", null);
        this.checkpoints = checkpointDir == null ? null : Path.of(checkpointDir);

        // the options of in-process training
        Long seedOption = args.optionalLong("seed");
        String activationOption = args.string("activation", null);
        Long stepsOption = args.optionalLong("steps");
        Long threadsOption = args.optionalLong("threads");
        if (networks != null) {
            for (String[] o : new String[][] {{"seed", str(seedOption)}, {"activation", activationOption},
                    {"steps", str(stepsOption)}, {"threads", str(threadsOption)}}) {
                if (o[1] != null) {
                    throw new UsageException("--" + o[0] + " applies to --equations (networks trained in process),"
                            + " not to --networks");
                }
            }
        }
        this.seed = seedOption == null ? DEFAULT_SEED : seedOption;
        try {
            this.activation = Activation.fromLabel(activationOption == null ? "relu" : activationOption);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--activation: " + e.getMessage());
        }
        long s = stepsOption == null ? TrainingConfig.defaults().steps() : stepsOption;
        if (s < 1 || s > 1_000_000) {
            throw new UsageException("--steps must be between 1 and 1000000, was " + s);
        }
        this.steps = (int) s;
        long t = threadsOption == null ? Runtime.getRuntime().availableProcessors() : threadsOption;
        if (t < 1 || t > 1024) {
            throw new UsageException("--threads must be between 1 and 1024, was " + t);
        }
        this.threads = (int) t;
        if (model == null && methods.contains(LEARNED)) {
            throw new UsageException("--model is required for the learned method when W2E_HOME is not set"
                    + " (bin/w2e sets it)");
        }
        args.rejectUnknown();
        this.stdout = out;
        this.err = err;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static List<String> methods(String list) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String m : list.split(",")) {
            String method = m.trim();
            if (method.isEmpty()) {
                continue;
            }
            if (!METHODS.contains(method)) {
                throw new UsageException("--methods: each one of " + METHODS + ", was '" + method + "'");
            }
            chosen.add(method);
        }
        if (chosen.isEmpty()) {
            throw new UsageException("--methods names no method (choose from " + METHODS + ")");
        }
        return List.copyOf(chosen);
    }

    private static Path defaultModel() {
        String home = System.getenv("W2E_HOME");
        return home == null || home.isBlank() ? null : Path.of(home, "models");
    }

    /** {@code $W2E_RUN_DIR/eval/<timestamp>}, else {@code $W2E_HOME/run/eval/<timestamp>}, else {@code run/eval/…}. */
    private static Path defaultOut() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String runDir = System.getenv("W2E_RUN_DIR");
        if (runDir != null && !runDir.isBlank()) {
            return Path.of(runDir, "eval", stamp);
        }
        String home = System.getenv("W2E_HOME");
        return (home == null || home.isBlank() ? Path.of("run") : Path.of(home, "run")).resolve("eval").resolve(stamp);
    }

    static String commandLine(String[] argv) {
        StringBuilder b = new StringBuilder("bin/w2e");
        for (String a : argv) {
            b.append(' ').append(PLAIN_ARG.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    /** A problem with the inputs that stops the evaluation (exit 2). */
    static final class InputException extends Exception {
        InputException(String message) {
            super(message);
        }
    }

    int run() {
        EvalPlots.headless();
        try {
            if (checkpoints != null && !Files.isDirectory(checkpoints)) {
                throw new InputException("--checkpoints " + checkpoints + " is not a directory");
            }
            LearnedDecoder learned = loadLearned();
            Map<String, EquationDecoder> decoders = decoders(learned);
            List<EvalExample> examples;
            TrainerFigures trainer = null;
            String source;
            String convergedMeaning;
            if (equations != null) {
                List<TrainedNetwork> trained = new ArrayList<>();
                long start = System.nanoTime();
                examples = generateAndTrain(trained);
                double seconds = (System.nanoTime() - start) / 1e9;
                TrainingConfig config = trainingConfig();
                trainer = TrainerFigures.of(backendName, threads, config, trained, seconds);
                source = String.format(Locale.ROOT, "%d held-out `%s` equations (job seed %d, equations 0–%d, %,d"
                                + " samples each in [−1, 1)), one %s network each trained in process by the trainer's"
                                + " engine (%d steps, training seed %d).", equations, familyLabel, seed,
                        equations - 1, SampleSpec.defaults().count(), activation.label(), steps, TRAINING_SEED);
                convergedMeaning = "Converged: the trainer's quality gate (relative validation MSE ≤ "
                        + config.targetRelativeMse() + " within " + (config.retries() + 1) + " attempts).";
            } else {
                examples = readNetworks();
                source = String.format(Locale.ROOT, "%d networks of `%s` with their truth from `%s`; family `%s` for"
                                + " the decoders that round to it.", examples.size(), networksFile, truthFile,
                        familyLabel);
                convergedMeaning = "Converged (no trainer figures in a network file): the network matches its truth"
                        + " to a relative MSE ≤ " + TrainingConfig.defaults().targetRelativeMse() + " on 1,001 evenly"
                        + " spaced x in [−1, 1], the trainer's quality target.";
            }
            Map<String, List<MethodOutcome>> outcomes = decodeAll(examples, decoders);
            String learnedModel = learned == null ? null
                    : "`" + learned.version() + "` (step " + learned.checkpoint().step() + ", " + model + ", beam "
                    + beam + ")" + (methods.contains(LEARNED) ? "" : ", used by hybrid");
            EvalReport report = new EvalReport(examples, methods, outcomes, family,
                    new EvalReport.Context(commandLine, source, convergedMeaning, learnedModel, trainer));
            writeReport(report);
            stdout.println(report.methodTable());
            stdout.println("eval: report written to " + out.toAbsolutePath().normalize()
                    + " (summary.md, results.jsonl, plots)");
            return 0;
        } catch (InputException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write the report to " + out + ": " + e.getMessage());
            return 1;
        }
    }

    // --- decoders -------------------------------------------------------------------------------------------------

    /** The learned decoder when a method needs it: required for learned, used by hybrid when there is one. */
    private LearnedDecoder loadLearned() throws InputException {
        boolean required = methods.contains(LEARNED);
        if (!required && !methods.contains(HYBRID)) {
            return null;
        }
        if (model == null || !Files.exists(model)) {
            if (required || modelGiven) {
                throw new InputException("no decoder model at " + model + " (pass --model with a *.w2ed checkpoint"
                        + " or a directory of them)");
            }
            err.println("eval: no learned model (" + (model == null ? "W2E_HOME not set" : model + " missing")
                    + "): hybrid decodes without one");
            return null;
        }
        try {
            return LearnedDecoder.load(model, beam);
        } catch (IOException | RuntimeException e) {
            throw new InputException("cannot load a decoder model from " + model + ": " + e.getMessage());
        }
    }

    private Map<String, EquationDecoder> decoders(LearnedDecoder learned) {
        Map<String, EquationDecoder> decoders = new LinkedHashMap<>();
        for (String method : methods) {
            switch (method) {
                case LEARNED:
                    decoders.put(method, learned);
                    break;
                case ANALYTIC:
                    decoders.put(method, new ProjectionDecoder(family, -1, 1));
                    break;
                case TAYLOR:
                    decoders.put(method, new TaylorDecoder(family.degree(), TAYLOR_ORDER, 0.0));
                    break;
                default:
                    decoders.put(method, new HybridDecoder(learned, family, -1, 1));
            }
        }
        return decoders;
    }

    /**
     * Every network through every method, one method after the other (so that each method's timings are of a warm
     * decoder on its own), one network at a time.
     */
    private Map<String, List<MethodOutcome>> decodeAll(List<EvalExample> examples,
                                                       Map<String, EquationDecoder> decoders) {
        Map<String, List<MethodOutcome>> outcomes = new HashMap<>();
        for (String method : methods) {
            EquationDecoder decoder = decoders.get(method);
            List<MethodOutcome> list = new ArrayList<>(examples.size());
            long start = System.nanoTime();
            long lastReport = start;
            for (int i = 0; i < examples.size(); i++) {
                list.add(decodeOne(method, decoder, examples.get(i)));
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_NANOS) {
                    err.printf(Locale.ROOT, "eval: decoding %s: %d/%d networks (%.0f s)%n", method, i + 1,
                            examples.size(), (now - start) / 1e9);
                    lastReport = now;
                }
            }
            err.printf(Locale.ROOT, "eval: decoded %d networks with %s in %.1f s%n", examples.size(), method,
                    (System.nanoTime() - start) / 1e9);
            outcomes.put(method, list);
        }
        return outcomes;
    }

    private static MethodOutcome decodeOne(String method, EquationDecoder decoder, EvalExample example) {
        if (method.equals(TAYLOR) && !TaylorDecoder.applies(example.network())) {
            return MethodOutcome.notApplicable();
        }
        long start = System.nanoTime();
        try {
            DecodedEquation decoded = decoder.decode(example.network());
            return MethodOutcome.decoded(decoded, (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException e) { // one failing network must not stop the evaluation
            return MethodOutcome.failed(e.toString(), (System.nanoTime() - start) / 1e6);
        }
    }

    // --- networks trained in process ------------------------------------------------------------------------------

    private TrainingConfig trainingConfig() {
        return TrainingConfig.defaults().withActivation(activation).withSteps(steps);
    }

    /**
     * Draws the equations and trains their networks in chunks (the samples of one chunk at a time in memory), with
     * progress on stderr every few seconds.
     */
    private List<EvalExample> generateAndTrain(List<TrainedNetwork> trained) {
        EquationGenerator generator = new EquationGenerator(family, SampleSpec.defaults());
        int total = Math.toIntExact(equations);
        List<EvalExample> examples = new ArrayList<>(total);
        long start = System.nanoTime();
        long lastReport = start;
        int converged = 0;
        try (TrainingBackend backend = CpuBackends.best(threads)) {
            backendName = backend.name();
            NetworkTrainer trainer = new NetworkTrainer(backend, trainingConfig());
            // chunks of ~1-2 s with the vector kernel: progress, and only one chunk's samples in memory
            int chunk = CpuBackends.vectorApiAvailable() ? 128 * threads : 4 * threads;
            err.printf(Locale.ROOT, "eval: training %d networks (%s, %s, %d steps) on %d thread(s)%n", total,
                    backend.name(), activation.label(), steps, threads);
            for (int from = 0; from < total; from += chunk) {
                int to = Math.min(total, from + chunk);
                List<TrainingTask> tasks = new ArrayList<>(to - from);
                List<Polynomial> truths = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    GeneratedEquation g = generator.generate(seed, i);
                    tasks.add(new TrainingTask("eval-" + seed + "-" + i, g.x(), g.y(), TRAINING_SEED));
                    truths.add(g.polynomial());
                }
                List<TrainedNetwork> result = trainer.train(tasks);
                for (int j = 0; j < result.size(); j++) {
                    TrainedNetwork t = result.get(j);
                    trained.add(t);
                    converged += t.converged() ? 1 : 0;
                    examples.add(new EvalExample(t.equationId(), truths.get(j), t.network(), t.converged(),
                            t.relativeValidationMse()));
                }
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_NANOS || to == total) {
                    double seconds = (now - start) / 1e9;
                    double rate = to / seconds;
                    err.printf(Locale.ROOT, "eval: trained %d/%d networks (%.0f %%), %.1f networks/s, converged"
                                    + " %.1f %%, %.0f s%s%n", to, total, 100.0 * to / total, rate,
                            100.0 * converged / to, seconds,
                            to == total ? "" : String.format(Locale.ROOT, ", ETA %.0f s", (total - to) / rate));
                    lastReport = now;
                }
            }
        }
        return examples;
    }

    // --- networks trained elsewhere -------------------------------------------------------------------------------

    private List<EvalExample> readNetworks() throws InputException {
        Map<String, Polynomial> truths = readTruth();
        List<EvalExample> examples = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        double target = TrainingConfig.defaults().targetRelativeMse();
        int lineNumber = 0;
        try (BufferedReader lines = Files.newBufferedReader(networksFile, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                NetworkFile.Entry entry;
                try {
                    entry = NetworkFile.parse(line);
                } catch (NetworkFormatException e) {
                    throw new InputException(networksFile + " line " + lineNumber + ": " + e.getMessage());
                }
                Polynomial truth = truths.get(entry.id());
                if (truth == null) {
                    throw new InputException("no truth for network id '" + entry.id() + "' (" + networksFile
                            + " line " + lineNumber + ") in " + truthFile);
                }
                if (!seen.add(entry.id())) {
                    throw new InputException(networksFile + " line " + lineNumber + ": network id '" + entry.id()
                            + "' appears twice");
                }
                examples.add(new EvalExample(entry.id(), truth, entry.network(),
                        PolynomialFit.networkMatches(entry.network(), truth, target), Double.NaN));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException("cannot read " + networksFile + ": " + e.getMessage());
        }
        if (examples.isEmpty()) {
            throw new InputException(networksFile + " holds no network");
        }
        return examples;
    }

    /** TRUTH.jsonl: {@code {"id": "...", "equation": "<canonical text>"}} per line (other fields ignored). */
    private Map<String, Polynomial> readTruth() throws InputException {
        Map<String, Polynomial> truths = new HashMap<>();
        int lineNumber = 0;
        try (BufferedReader lines = Files.newBufferedReader(truthFile, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String where = truthFile + " line " + lineNumber;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new InputException(where + ": not JSON: " + e.getMessage());
                }
                JsonNode id = node == null ? null : node.get("id");
                JsonNode equation = node == null ? null : node.get("equation");
                if (id == null || !id.isTextual() || equation == null || !equation.isTextual()) {
                    throw new InputException(where + ": wants {\"id\": \"...\", \"equation\": \"<canonical text>\"}");
                }
                Polynomial p;
                try {
                    p = Polynomial.parse(equation.asText());
                } catch (IllegalArgumentException e) {
                    throw new InputException(where + " (id '" + id.asText() + "'): equation '" + equation.asText()
                            + "': " + e.getMessage());
                }
                if (truths.put(id.asText(), p) != null) {
                    throw new InputException(where + ": id '" + id.asText() + "' appears twice");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException("cannot read " + truthFile + ": " + e.getMessage());
        }
        return truths;
    }

    // --- the report -----------------------------------------------------------------------------------------------

    private void writeReport(EvalReport report) throws IOException {
        Files.createDirectories(out);
        report.writeResults(out.resolve("results.jsonl"));
        List<String> plots = new ArrayList<>();
        EvalPlots.curves(report, out.resolve(EvalPlots.CURVES));
        plots.add("`" + EvalPlots.CURVES + "`: truth, the network and each method's polynomial on [−1, 1] for "
                + Math.min(6, report.examples().size()) + " networks");
        EvalPlots.accuracyByLength(report, out.resolve(EvalPlots.ACCURACY_BY_LENGTH));
        plots.add("`" + EvalPlots.ACCURACY_BY_LENGTH + "`: exact match by canonical-text length, per method");
        if (checkpoints != null) {
            List<String> skipped = new ArrayList<>();
            List<Path> files = new CheckpointDirectory(checkpoints, Integer.MAX_VALUE).list();
            List<EvalPlots.CurvePoint> points = EvalPlots.trainingPoints(files, skipped);
            for (String s : skipped) {
                err.println("eval: skipping checkpoint " + s);
            }
            if (EvalPlots.trainingCurve(points, "Decoder training: " + points.size() + " checkpoints of "
                    + checkpoints, out.resolve(EvalPlots.TRAINING_CURVE))) {
                plots.add("`" + EvalPlots.TRAINING_CURVE + "`: the decoder's validation exact match and training loss by"
                        + " step, from " + points.size() + " checkpoints in `" + checkpoints + "`");
            } else {
                err.println("eval: no checkpoint with metrics in " + checkpoints + ": no " + EvalPlots.TRAINING_CURVE);
                plots.add("no `" + EvalPlots.TRAINING_CURVE + "`: no checkpoint with metrics in `" + checkpoints
                        + "`");
            }
        }
        report.writeSummary(out.resolve("summary.md"), plots);
    }
}

package io.weights2eq.cli;

import io.weights2eq.cli.W2eCli.UsageException;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.ShippedModels;
import io.weights2eq.domain.decoding.analytic.ProjectionDecoder;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.decoding.taylor.TaylorDecoder;
import io.weights2eq.domain.equation.EquationFamilies;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.evaluation.EvalExample;
import io.weights2eq.evaluation.EvalInputException;
import io.weights2eq.evaluation.EvalPlots;
import io.weights2eq.evaluation.EvalReport;
import io.weights2eq.evaluation.HeldOutNetworks;
import io.weights2eq.evaluation.LearnedModelLoader;
import io.weights2eq.evaluation.MethodOutcome;
import io.weights2eq.evaluation.MethodRunner;
import io.weights2eq.evaluation.NetworksWithTruth;
import io.weights2eq.evaluation.ReportFiles;
import io.weights2eq.evaluation.TrainerFigures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eval}: an evaluation report of the decoders.
 * <ul>
 * <li>{@code eval --equations N [--family servant|uniform-length|cubic|elementary] [--seed 777] [--activation relu] [--steps 1000]
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
 * The work is done by {@link HeldOutNetworks}, {@link NetworksWithTruth}, {@link MethodRunner} and
 * {@link ReportFiles}; this class parses the options and puts them together.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Evaluate the decoders without a broker: --equations N held-out equations drawn and their networks trained in process, or --networks trained elsewhere with their --truth matched by id; each decoded by each method. Writes summary.md, results.jsonl and PNG plots to --out; prints the per-method table.")
final class EvalCommand extends CliCommand {
    static final String LEARNED = LearnedDecoder.METHOD;
    static final String ANALYTIC = ProjectionDecoder.METHOD;
    static final String TAYLOR = TaylorDecoder.METHOD;
    static final String HYBRID = HybridDecoder.METHOD;
    static final List<String> METHODS = List.of(LEARNED, ANALYTIC, TAYLOR, HYBRID);
    /** Disjoint from the job seed the shipped model's training equations were drawn with (20261122). */
    static final long DEFAULT_SEED = 777;

    static final int MAX_EQUATIONS = 1_000_000;
    private static final Pattern PLAIN_ARG = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    @Option(
            names = "--equations",
            paramLabel = "N",
            description = "draw N held-out equations and train their networks in process")
    Long equations;

    @Option(
            names = "--networks",
            paramLabel = "FILE.jsonl",
            description = "or: networks trained elsewhere (the network file format)")
    Path networksFile;

    @Option(
            names = "--truth",
            paramLabel = "TRUTH.jsonl",
            description = "with --networks: lines {\"id\": ..., \"equation\": ...}")
    Path truthFile;

    @Option(
            names = "--family",
            defaultValue = "servant",
            paramLabel = "servant|uniform-length|cubic|elementary",
            description = "the family drawn from and rounded to (default ${DEFAULT-VALUE})")
    String familyLabel;

    @Option(
            names = "--methods",
            description = "the methods to compare (default learned,analytic,taylor,hybrid; for elementary"
                    + " analytic,hybrid)")
    String methodList;

    @Option(
            names = "--model",
            paramLabel = "PATH",
            description = "the learned decoder; a directory holding the family's shipped model: that one (default"
                    + " $W2E_HOME/models)")
    Path modelOption;

    @Mixin
    BeamOption beamOption;

    @Mixin
    DomainOption domainOption;

    private int beam;

    @Option(names = "--out", paramLabel = "DIR", description = "the report directory (default <run dir>/eval/<time>)")
    Path outOption;

    @Option(
            names = "--checkpoints",
            paramLabel = "DIR",
            description = "adds the decoder's training curve from these checkpoints")
    Path checkpoints;

    @Option(names = "--seed", description = "with --equations: the draw's seed (default " + DEFAULT_SEED + ")")
    Long seedOption;

    @Option(names = "--activation", description = "with --equations: the networks' activation (default relu)")
    String activationOption;

    @Option(names = "--steps", description = "with --equations: training steps, 1 to 1000000 (default: the trainer's)")
    Long stepsOption;

    @Option(
            names = "--threads",
            description =
                    "with --equations: training threads; for elementary also the decoding threads; 1 to 1024 (default: the cores)")
    Long threadsOption;

    private String commandLine;
    private EquationFamily family;
    private long seed;
    private List<String> methods;
    private Activation activation;
    private int steps;
    private int threads;
    private Path model;
    private Path outDir;
    private io.weights2eq.domain.network.InputDomain domain;

    private void checkOptions() {
        this.commandLine = commandLine(
                cli.spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        if ((equations == null) == (networksFile == null)) {
            throw new UsageException("eval needs either --equations N or --networks FILE.jsonl --truth TRUTH.jsonl");
        }
        if (networksFile != null && truthFile == null) {
            throw new UsageException("--networks needs --truth TRUTH.jsonl (lines {\"id\": ..., \"equation\": ...})");
        }
        if (networksFile == null && truthFile != null) {
            throw new UsageException("--truth goes with --networks, not --equations");
        }
        if (equations != null && (equations < 1 || equations > MAX_EQUATIONS)) {
            throw new UsageException("--equations must be between 1 and " + MAX_EQUATIONS + ", was " + equations);
        }
        try {
            this.family = EquationFamilies.named(familyLabel);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        if (methodList != null) {
            this.methods = methods(methodList);
        } else {
            this.methods = family.elementaryExpressions() ? ExpressionEval.DEFAULT_METHODS : METHODS;
        }
        Path given = modelOption != null ? modelOption : defaultModel();
        this.model = given == null ? null : ShippedModels.forFamily(given, familyLabel);
        beam = beamOption.width();
        this.outDir = outOption != null ? outOption : defaultOut();
        if (networksFile != null) {
            for (Object[] o : new Object[][] {
                {"seed", seedOption},
                {"activation", activationOption},
                {"steps", stepsOption},
                {"threads", family.elementaryExpressions() ? null : threadsOption} // expressions decode in parallel
            }) {
                if (o[1] != null) {
                    throw new UsageException("--" + o[0] + " applies to --equations (networks trained in process),"
                            + " not to --networks");
                }
            }
        }
        this.seed = seedOption == null ? DEFAULT_SEED : seedOption;
        try {
            String defaultActivation = family.elementaryExpressions() ? ExpressionEval.DEFAULT_ACTIVATION : "relu";
            this.activation = Activation.fromLabel(activationOption == null ? defaultActivation : activationOption);
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
        if (family.elementaryExpressions()) {
            this.domain = domainOption.domain();
        }
        if (model == null && methods.contains(LEARNED) && !family.elementaryExpressions()) {
            throw new UsageException(
                    "--model is required for the learned method when W2E_HOME is not set" + " (bin/w2e sets it)");
        }
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
        return (home == null || home.isBlank() ? Path.of("run") : Path.of(home, "run"))
                .resolve("eval")
                .resolve(stamp);
    }

    static String commandLine(String[] argv) {
        StringBuilder b = new StringBuilder("bin/w2e");
        for (String a : argv) {
            b.append(' ').append(PLAIN_ARG.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    @Override
    int run() {
        checkOptions();
        if (family.elementaryExpressions()) {
            return new ExpressionEval(out, err)
                    .run(new ExpressionEval.Options(
                            commandLine,
                            familyLabel,
                            family,
                            methods,
                            equations,
                            networksFile,
                            truthFile,
                            domain,
                            seed,
                            activation,
                            steps,
                            threads,
                            outDir));
        }
        EvalPlots.headless();
        try {
            if (checkpoints != null && !Files.isDirectory(checkpoints)) {
                throw new EvalInputException("--checkpoints " + checkpoints + " is not a directory");
            }
            LearnedDecoder learned = LearnedModelLoader.load(methods, model, modelOption != null, beam, err);
            MethodRunner runner = new MethodRunner(methods, learned, family, err);
            List<EvalExample> examples;
            TrainerFigures trainer = null;
            String source;
            String convergedMeaning;
            if (equations != null) {
                HeldOutNetworks heldOut = new HeldOutNetworks(family, seed, activation, steps, threads, err);
                HeldOutNetworks.Trained trained = heldOut.train(equations);
                examples = trained.examples();
                trainer = trained.figures();
                source = heldOut.source(familyLabel, equations);
                convergedMeaning = heldOut.convergedMeaning();
            } else {
                NetworksWithTruth networks = new NetworksWithTruth(networksFile, truthFile);
                examples = networks.read();
                source = networks.source(familyLabel, examples.size());
                convergedMeaning = NetworksWithTruth.CONVERGED_MEANING;
            }
            Map<String, List<MethodOutcome>> outcomes = runner.decodeAll(examples);
            String learnedModel = learned == null
                    ? null
                    : "`" + learned.version() + "` (step "
                            + learned.checkpoint().step() + ", " + model + ", beam " + beam + ")"
                            + (methods.contains(LEARNED) ? "" : ", used by hybrid");
            EvalReport report = new EvalReport(
                    examples,
                    methods,
                    outcomes,
                    family,
                    new EvalReport.Context(commandLine, source, convergedMeaning, learnedModel, trainer));
            ReportFiles.write(report, outDir, checkpoints, err);
            out.println(report.methodTable());
            out.println("eval: report written to " + outDir.toAbsolutePath().normalize()
                    + " (summary.md, results.jsonl, plots)");
            return 0;
        } catch (EvalInputException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write the report to " + outDir + ": " + e.getMessage());
            return 1;
        }
    }
}

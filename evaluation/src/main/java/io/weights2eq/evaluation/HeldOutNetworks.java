package io.weights2eq.evaluation;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.CpuBackends;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Held-out networks trained in process: draws the equations ({@link EquationGenerator}, job seed, equations
 * 0…N−1) and trains one network each with the trainer's engine ({@link NetworkTrainer} on the best CPU kernel), in
 * chunks (the samples of one chunk at a time in memory), with progress on stderr every few seconds. The same
 * networks serve {@code eval --equations} (held out) and {@code make-examples} (decoder training data, another
 * seed and id prefix), so both are trained exactly as trainer-service trains.
 */
public final class HeldOutNetworks {
    /** The trainer-service's default {@code w2e.trainer.training-seed}. */
    public static final long TRAINING_SEED = 1;

    static final long PROGRESS_NANOS = 3_000_000_000L;

    private final EquationFamily family;
    private final long seed;
    private final Activation activation;
    private final int steps;
    private final int threads;
    private final PrintStream err;
    private SampleSpec samples = SampleSpec.defaults();
    private String idPrefix = "eval";
    private String backendName = "";

    public HeldOutNetworks(
            EquationFamily family, long seed, Activation activation, int steps, int threads, PrintStream err) {
        this.family = family;
        this.seed = seed;
        this.activation = activation;
        this.steps = steps;
        this.threads = threads;
        this.err = err;
    }

    /** Ids become {@code <prefix>-<seed>-<index>} (default {@code eval}); returns this. */
    public HeldOutNetworks withIdPrefix(String prefix) {
        this.idPrefix = prefix;
        return this;
    }

    /** The samples each equation is drawn with (default 5,000 on [-1, 1) for one input); returns this. */
    public HeldOutNetworks withSamples(SampleSpec spec) {
        this.samples = spec.requireValid();
        return this;
    }

    /** One drawn equation (its samples included) with the network trained on it. */
    public record Drawn(GeneratedEquation equation, TrainedNetwork network) {}

    /** The examples with their truth, and the trainer's figures of the run. */
    public record Trained(List<EvalExample> examples, TrainerFigures figures) {}

    public TrainingConfig trainingConfig() {
        return TrainingConfig.defaults().withActivation(activation).withSteps(steps);
    }

    /** The report's description of the networks (the label of the family as given on the command line). */
    public String source(String familyLabel, long equations) {
        return String.format(
                Locale.ROOT,
                "%d held-out `%s` equations (job seed %d, equations 0–%d, %,d"
                        + " samples each on %s), one %s network each trained in process by the trainer's"
                        + " engine (%d steps, training seed %d).",
                equations,
                familyLabel,
                seed,
                equations - 1,
                samples.count(),
                samples.inputDomain(),
                activation.label(),
                steps,
                TRAINING_SEED);
    }

    /** What "converged" means for these networks: the trainer's quality gate. */
    public String convergedMeaning() {
        TrainingConfig config = trainingConfig();
        return "Converged: the trainer's quality gate (relative validation MSE ≤ " + config.targetRelativeMse()
                + " within " + (config.retries() + 1) + " attempts).";
    }

    /** Draws and trains {@code equations} networks; the figures' wall time includes the samples' generation. */
    public Trained train(long equations) {
        List<EvalExample> examples = new ArrayList<>(Math.toIntExact(equations));
        TrainerFigures figures = train(equations, examples::add);
        return new Trained(examples, figures);
    }

    /** Draws and trains {@code equations} networks, handing each chunk's examples to {@code sink} as they come. */
    public TrainerFigures train(long equations, Consumer<EvalExample> sink) {
        return trainDrawn(equations, d -> {
            TrainedNetwork t = d.network();
            sink.accept(new EvalExample(
                    t.equationId(), d.equation().polynomial(), t.network(), t.converged(), t.relativeValidationMse()));
        });
    }

    /** Draws and trains {@code equations} networks of any family, each with its equation, as they come. */
    public TrainerFigures trainDrawn(long equations, Consumer<Drawn> sink) {
        List<TrainedNetwork> trained = new ArrayList<>();
        long start = System.nanoTime();
        generateAndTrain(Math.toIntExact(equations), trained, sink);
        double seconds = (System.nanoTime() - start) / 1e9;
        return TrainerFigures.of(backendName, threads, trainingConfig(), trained, seconds);
    }

    private void generateAndTrain(int total, List<TrainedNetwork> trained, Consumer<Drawn> sink) {
        EquationGenerator generator = new EquationGenerator(family, samples);
        long start = System.nanoTime();
        long lastReport = start;
        int converged = 0;
        try (TrainingBackend backend = CpuBackends.best(threads)) {
            backendName = backend.name();
            NetworkTrainer trainer = new NetworkTrainer(backend, trainingConfig());
            // chunks of ~1-2 s with the vector kernel: progress, and only one chunk's samples in memory
            int chunk = CpuBackends.vectorApiAvailable() ? 128 * threads : 4 * threads;
            err.printf(
                    Locale.ROOT,
                    "%s: training %d networks (%s, %s, %d steps) on %d thread(s)%n",
                    idPrefix,
                    total,
                    backend.name(),
                    activation.label(),
                    steps,
                    threads);
            for (int from = 0; from < total; from += chunk) {
                int to = Math.min(total, from + chunk);
                List<TrainingTask> tasks = new ArrayList<>(to - from);
                List<GeneratedEquation> drawn = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    GeneratedEquation g = generator.generate(seed, i);
                    tasks.add(
                            new TrainingTask(idPrefix + "-" + seed + "-" + i, g.x(), g.y(), TRAINING_SEED, g.domain()));
                    drawn.add(g);
                }
                List<TrainedNetwork> result = trainer.train(tasks);
                for (int j = 0; j < result.size(); j++) {
                    TrainedNetwork t = result.get(j);
                    trained.add(t);
                    converged += t.converged() ? 1 : 0;
                    sink.accept(new Drawn(drawn.get(j), t));
                }
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_NANOS || to == total) {
                    double seconds = (now - start) / 1e9;
                    double rate = to / seconds;
                    err.printf(
                            Locale.ROOT,
                            "%s: trained %d/%d networks (%.0f %%), %.1f networks/s, converged" + " %.1f %%, %.0f s%s%n",
                            idPrefix,
                            to,
                            total,
                            100.0 * to / total,
                            rate,
                            100.0 * converged / to,
                            seconds,
                            to == total ? "" : String.format(Locale.ROOT, ", ETA %.0f s", (total - to) / rate));
                    lastReport = now;
                }
            }
        }
    }
}

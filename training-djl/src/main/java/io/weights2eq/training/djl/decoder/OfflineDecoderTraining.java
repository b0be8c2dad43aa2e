package io.weights2eq.training.djl.decoder;

import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecoderTrainingOptions;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.ExamplesTsv;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.domain.equation.DeterministicRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/w2e train-decoder}: trains the learned decoder from an {@link ExamplesTsv} export of the pipeline's
 * topics, with the same trainer, validation slice and metrics as decoder-service's continuous loop, and prints the
 * learning curve as one JSON line per evaluation. Checkpoints go to {@code --out}; {@code --resume} continues from
 * the latest one there. {@code --export-serving CHECKPOINT|DIR --to FILE} writes a checkpoint's serving form (no
 * optimiser state: a third of the size), which is what ships under {@code models/}; {@code --evaluate MODEL --input
 * FILE [--beam N]} scores a model on the export's validation slice.
 */
@Command(
        name = "train-decoder",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 120,
        description = "Train the learned decoder offline from an export-examples FILE.tsv (checkpoints to --out, the"
                + " learning curve as JSON lines); or --export-serving a checkpoint's serving form; or --evaluate a model"
                + " on the export's validation slice.")
public final class OfflineDecoderTraining implements Callable<Integer> {
    @Option(names = "--input", paramLabel = "FILE.tsv", description = "the training examples (bin/w2e export-examples)")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "where checkpoints go")
    Path outDir;

    @Option(names = "--resume", description = "continue from the latest checkpoint in --out")
    boolean resume;

    @Option(
            names = "--init-from",
            paramLabel = "MODEL",
            description = "start from this model's weights (e.g. another family's shipped model), at step 0 with"
                    + " a fresh optimiser; its shape replaces --config")
    Path initFrom;

    @Option(names = "--minutes", defaultValue = "10", description = "how long to train (default ${DEFAULT-VALUE})")
    double minutes;

    @Option(
            names = "--max-steps",
            defaultValue = "0",
            description = "stop after this many steps; 0: no limit (default ${DEFAULT-VALUE})")
    long maxSteps;

    @Option(names = "--batch", defaultValue = "128", description = "examples per step (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
            names = "--eval-every",
            defaultValue = "500",
            description = "steps between evaluations (default ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(
            names = "--eval-max",
            defaultValue = "1000",
            description = "validation examples evaluated at most (default ${DEFAULT-VALUE})")
    int evalMax;

    @Option(
            names = "--validation-fraction",
            defaultValue = "0.05",
            description = "the validation slice: this fraction of equation ids (default ${DEFAULT-VALUE})")
    double validationFraction;

    @Option(names = "--converged-only", description = "train only on networks that converged")
    boolean convergedOnly;

    @Option(names = "--keep", defaultValue = "3", description = "checkpoints kept (default ${DEFAULT-VALUE})")
    int keep;

    @Option(
            names = "--config",
            paramLabel = "probes,mlpHidden,memoryTokens,dModel,heads,layers,ffn,maxTokens",
            description = "the transformer's shape (default: TransformerConfig.defaults())")
    String configText;

    @Option(names = "--lr", description = "peak learning rate (default: DecoderTrainingOptions.defaults())")
    Double learningRate;

    @Option(names = "--warmup", description = "warm-up steps (default: DecoderTrainingOptions.defaults())")
    Integer warmup;

    @Option(names = "--weight-decay", description = "AdamW weight decay (default: DecoderTrainingOptions.defaults())")
    Double weightDecay;

    @Option(
            names = "--decay-steps",
            defaultValue = "0",
            description = "cosine decay length; 0: none (default ${DEFAULT-VALUE})")
    long decaySteps;

    @Option(names = "--threads", defaultValue = "1", description = "intra-op threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--seed", description = "the seed (default: DecoderTrainingOptions.defaults())")
    Long seed;

    @Option(
            names = "--beam",
            defaultValue = "1",
            description = "with --evaluate: beam width (default ${DEFAULT-VALUE})")
    int beam;

    @Option(names = "--evaluate", paramLabel = "MODEL", description = "score this model on --input's validation slice")
    Path evaluate;

    @Option(
            names = "--export-serving",
            paramLabel = "CHECKPOINT|DIR",
            description = "write this checkpoint's serving form to --to")
    Path exportServing;

    @Option(names = "--to", paramLabel = "FILE", description = "with --export-serving: the file to write")
    Path to;

    @Spec
    CommandSpec spec;

    public static void main(String[] argv) {
        System.exit(new CommandLine(new OfflineDecoderTraining()).execute(argv));
    }

    private Path required(Path value, String option) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '" + option + "'");
        }
        return value;
    }

    @Override
    public Integer call() throws IOException {
        ValidationSlice slice = new ValidationSlice(validationFraction);
        if (evaluate != null) {
            evaluateModel(evaluate, required(input, "--input"), slice, beam, evalMax);
            return 0;
        }
        if (exportServing != null) {
            exportServing(exportServing, required(to, "--to"));
            return 0;
        }
        required(input, "--input");
        CheckpointDirectory out = new CheckpointDirectory(required(outDir, "--out"), keep);
        DecoderCheckpoint initial = initFrom != null ? CheckpointDirectory.load(initFrom) : null;
        TransformerConfig config = initial != null
                ? initial.config()
                : configText != null ? config(configText) : TransformerConfig.defaults();
        DecoderTrainingOptions d = DecoderTrainingOptions.defaults();
        DecoderTrainingOptions options = new DecoderTrainingOptions(
                learningRate != null ? learningRate : d.learningRate(),
                warmup != null ? warmup : d.warmupSteps(),
                weightDecay != null ? weightDecay : d.weightDecay(),
                d.clipNorm(),
                threads,
                seed != null ? seed : d.seed(),
                decaySteps);

        List<TrainingExample> train = new ArrayList<>();
        List<TrainingExample> validation = new ArrayList<>();
        for (TrainingExample e : ExamplesTsv.read(input)) {
            if (slice.contains(e.equationId())) {
                if (validation.size() < evalMax) {
                    validation.add(e);
                }
            } else if (!convergedOnly || e.converged()) {
                train.add(e);
            }
        }
        System.err.printf(
                Locale.ROOT,
                "train-decoder: %d training, %d validation examples; %s, %,d parameters%n",
                train.size(),
                validation.size(),
                config,
                config.parameterCount());
        DeterministicRandom rnd = DeterministicRandom.ofSeed(options.seed() + 1);
        long start = System.nanoTime();
        long deadline = start + (long) (minutes * 60e9);
        try (DjlDecoderTrainer trainer = new DjlDecoderTrainer(config, options)) {
            if (initial != null) {
                // weights only: the warm-up, the schedule and Adam's bias correction start afresh for the new data
                trainer.restore(new DecoderCheckpoint(
                        initial.version(), 0, 0, initial.createdAtMillis(), initial.weights(), Map.of(), Map.of()));
                System.err.println("train-decoder: initialised from " + initial.version() + " (" + initFrom + ")");
            }
            if (resume) {
                out.latest().ifPresent(c -> {
                    trainer.restore(c);
                    System.err.println("train-decoder: resumed from " + c.version());
                });
            }
            double lossSum = 0;
            int lossCount = 0;
            while (System.nanoTime() < deadline && (maxSteps == 0 || trainer.steps() < maxSteps)) {
                List<TrainingExample> batch = new ArrayList<>(batchSize);
                for (int i = 0; i < batchSize; i++) {
                    batch.add(train.get(rnd.nextInt(train.size())));
                }
                lossSum += trainer.step(batch);
                lossCount++;
                if (trainer.steps() % evalEvery == 0) {
                    evaluate(trainer, validation, out, lossSum / lossCount, start);
                    lossSum = 0;
                    lossCount = 0;
                }
            }
            if (lossCount > 0) {
                evaluate(trainer, validation, out, lossSum / lossCount, start);
            }
        }
        return 0;
    }

    private static void evaluate(
            DjlDecoderTrainer trainer,
            List<TrainingExample> validation,
            CheckpointDirectory out,
            double loss,
            long start) {
        String version =
                "s" + trainer.steps() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        DecoderCheckpoint snapshot = trainer.checkpoint(version, Map.of());
        LearnedDecoder decoder = new LearnedDecoder(snapshot, 1);
        DecodingMetrics metrics = new DecodingMetrics();
        long t0 = System.nanoTime();
        for (TrainingExample e : validation) {
            metrics.add(e.target(), decoder.decode(e.network()));
        }
        double decodeMs = (System.nanoTime() - t0) / 1e6 / Math.max(1, validation.size());
        Map<String, Double> m = new LinkedHashMap<>(metrics.summary());
        m.put("trainingLoss", loss);
        m.put("examplesSeen", (double) trainer.examplesSeen());
        out.write(new DecoderCheckpoint(
                version,
                snapshot.step(),
                snapshot.examplesSeen(),
                snapshot.createdAtMillis(),
                snapshot.weights(),
                snapshot.optimizerState(),
                m));
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "{\"step\":%d,\"seconds\":%.0f,\"decodeMsPerExample\":%.2f",
                trainer.steps(),
                (System.nanoTime() - start) / 1e9,
                decodeMs));
        m.forEach((k, v) -> line.append(String.format(Locale.ROOT, ",\"%s\":%.5g", k, v)));
        System.out.println(line.append('}'));
        System.out.flush();
    }

    /**
     * Scores a model on the validation slice of an export (all of it, and the converged networks alone), with
     * greedy decoding or a beam: one JSON line each.
     */
    private static void evaluateModel(Path model, Path input, ValidationSlice slice, int beam, int max)
            throws IOException {
        LearnedDecoder decoder = LearnedDecoder.load(model, beam);
        DecodingMetrics all = new DecodingMetrics();
        DecodingMetrics converged = new DecodingMetrics();
        long t0 = System.nanoTime();
        for (TrainingExample e : ExamplesTsv.read(input)) {
            if (!slice.contains(e.equationId()) || all.count() >= max) {
                continue;
            }
            var decoded = decoder.decode(e.network());
            all.add(e.target(), decoded);
            if (e.converged()) {
                converged.add(e.target(), decoded);
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / Math.max(1, all.count());
        for (var entry : Map.of("all", all, "converged", converged).entrySet()) {
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "{\"model\":\"%s\",\"beam\":%d,\"networks\":\"%s\",\"msPerExample\":%.2f",
                    decoder.version(),
                    beam,
                    entry.getKey(),
                    ms));
            entry.getValue().summary().forEach((k, v) -> line.append(String.format(Locale.ROOT, ",\"%s\":%.5g", k, v)));
            System.out.println(line.append('}'));
        }
    }

    /** Writes the serving form (no optimiser state) of a checkpoint, or of a directory's latest, atomically. */
    private static void exportServing(Path from, Path to) throws IOException {
        DecoderCheckpoint c = CheckpointDirectory.load(from).forServing();
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        try (var outStream = java.nio.file.Files.newOutputStream(tmp)) {
            io.weights2eq.domain.decoding.CheckpointFormat.write(c, outStream);
        }
        java.nio.file.Files.move(
                tmp,
                to,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.err.printf(
                Locale.ROOT, "train-decoder: %s (step %d, %s) -> %s%n", c.version(), c.step(), c.metrics(), to);
    }

    static TransformerConfig config(String text) {
        String[] c = text.split(",");
        int[] v = new int[8];
        for (int i = 0; i < 8; i++) {
            v[i] = Integer.parseInt(c[i].trim());
        }
        return new TransformerConfig(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]).requireValid();
    }
}

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

/**
 * {@code bin/w2e train-decoder}: trains the learned decoder from an {@link ExamplesTsv} export of the pipeline's
 * topics, with the same trainer, validation slice and metrics as decoder-service's continuous loop, and prints the
 * learning curve as one JSON line per evaluation. Checkpoints go to {@code --out}; {@code --resume} continues from
 * the latest one there. {@code --export-serving CHECKPOINT|DIR --to FILE} writes a checkpoint's serving form (no
 * optimiser state: a third of the size), which is what ships under {@code models/}; {@code --evaluate MODEL --input
 * FILE [--beam N]} scores a model on the export's validation slice.
 */
public final class OfflineDecoderTraining {

    private OfflineDecoderTraining() {
    }

    public static void main(String[] argv) throws IOException {
        Map<String, String> a = parse(argv);
        if (a.containsKey("evaluate")) {
            evaluateModel(Path.of(a.get("evaluate")), Path.of(required(a, "input")),
                    new ValidationSlice(Double.parseDouble(a.getOrDefault("validation-fraction", "0.05"))),
                    Integer.parseInt(a.getOrDefault("beam", "1")), Integer.parseInt(a.getOrDefault("eval-max", "1000")));
            return;
        }
        if (a.containsKey("export-serving")) {
            exportServing(Path.of(a.get("export-serving")), Path.of(required(a, "to")));
            return;
        }
        Path input = Path.of(required(a, "input"));
        CheckpointDirectory out = new CheckpointDirectory(Path.of(required(a, "out")),
                Integer.parseInt(a.getOrDefault("keep", "3")));
        double minutes = Double.parseDouble(a.getOrDefault("minutes", "10"));
        long maxSteps = Long.parseLong(a.getOrDefault("max-steps", "0"));
        int batchSize = Integer.parseInt(a.getOrDefault("batch", "128"));
        int evalEvery = Integer.parseInt(a.getOrDefault("eval-every", "500"));
        int evalMax = Integer.parseInt(a.getOrDefault("eval-max", "1000"));
        boolean convergedOnly = Boolean.parseBoolean(a.getOrDefault("converged-only", "false"));
        ValidationSlice slice = new ValidationSlice(Double.parseDouble(a.getOrDefault("validation-fraction", "0.05")));
        TransformerConfig config = a.containsKey("config") ? config(a.get("config")) : TransformerConfig.defaults();
        DecoderTrainingOptions d = DecoderTrainingOptions.defaults();
        DecoderTrainingOptions options = new DecoderTrainingOptions(
                Double.parseDouble(a.getOrDefault("lr", String.valueOf(d.learningRate()))),
                Integer.parseInt(a.getOrDefault("warmup", String.valueOf(d.warmupSteps()))),
                Double.parseDouble(a.getOrDefault("weight-decay", String.valueOf(d.weightDecay()))),
                d.clipNorm(), Integer.parseInt(a.getOrDefault("threads", "1")),
                Long.parseLong(a.getOrDefault("seed", String.valueOf(d.seed()))),
                Long.parseLong(a.getOrDefault("decay-steps", "0")));

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
        System.err.printf(Locale.ROOT, "train-decoder: %d training, %d validation examples; %s, %,d parameters%n",
                train.size(), validation.size(), config, config.parameterCount());
        DeterministicRandom rnd = DeterministicRandom.ofSeed(options.seed() + 1);
        long start = System.nanoTime();
        long deadline = start + (long) (minutes * 60e9);
        try (DjlDecoderTrainer trainer = new DjlDecoderTrainer(config, options)) {
            if (a.containsKey("resume")) {
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
    }

    private static void evaluate(DjlDecoderTrainer trainer, List<TrainingExample> validation, CheckpointDirectory out,
                                 double loss, long start) {
        String version = "s" + trainer.steps() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
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
        out.write(new DecoderCheckpoint(version, snapshot.step(), snapshot.examplesSeen(), snapshot.createdAtMillis(),
                snapshot.weights(), snapshot.optimizerState(), m));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "{\"step\":%d,\"seconds\":%.0f,\"decodeMsPerExample\":%.2f", trainer.steps(),
                (System.nanoTime() - start) / 1e9, decodeMs));
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
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "{\"model\":\"%s\",\"beam\":%d,\"networks\":\"%s\",\"msPerExample\":%.2f", decoder.version(),
                    beam, entry.getKey(), ms));
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
        java.nio.file.Files.move(tmp, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.err.printf(Locale.ROOT, "train-decoder: %s (step %d, %s) -> %s%n", c.version(), c.step(), c.metrics(), to);
    }

    static TransformerConfig config(String text) {
        String[] c = text.split(",");
        int[] v = new int[8];
        for (int i = 0; i < 8; i++) {
            v[i] = Integer.parseInt(c[i].trim());
        }
        return new TransformerConfig(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]).requireValid();
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            String key = argv[i].substring(2);
            if (key.equals("resume")) {
                a.put(key, "true");
            } else {
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException("--" + key + " needs a value");
                }
                a.put(key, argv[++i]);
            }
        }
        return a;
    }

    private static String required(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }
}

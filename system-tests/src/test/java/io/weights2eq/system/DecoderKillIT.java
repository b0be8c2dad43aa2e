package io.weights2eq.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.CheckpointFormat;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.kafkalocal.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The decoder SIGKILLed while it trains continuously (a tiny transformer, a checkpoint every few steps), a truncated
 * newest checkpoint planted as a kill during its write would leave, then restarted: training resumes from the last
 * complete checkpoint (not step 0), the damaged file is skipped, and a client calling {@code POST /decode} all along
 * only ever gets a prediction from a complete checkpoint or a clean 503, never a 500 or a garbled answer.
 */
class DecoderKillIT {
    private static final int EVERY = 5; // steps between checkpoints
    private static final String CHECKPOINTS = "decoder-checkpoints";

    @Test
    void aKilledDecoderResumesFromItsLastCompleteCheckpoint() throws Exception {
        long start = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts();
                Pipeline pipeline = Pipeline.on("decoder-kill", broker, Map.of())
                        .freshWorkDirs()
                        .with(Service.TRAINER, "w2e.trainer.instance-id", "trainer-decoder-kill")
                        // a stable id: the restarted decoder's consumers rejoin as the same static members
                        .with(Service.DECODER, "w2e.decoder.instance-id", "decoder-kill")) {
            tinyTrainingDecoder(pipeline);
            PackagedService generator = pipeline.start(Service.GENERATOR);
            pipeline.start(Service.TRAINER);
            PackagedService decoder = pipeline.start(Service.DECODER);
            Path dir = decoder.workDir().resolve(CHECKPOINTS);
            Pipeline.submitJob(generator, 300, 31, Pipeline.MIN_SAMPLES, 0);

            try (DecodeClient client = new DecodeClient(decoder)) {
                Waits.until(
                        Duration.ofSeconds(150),
                        500,
                        "3 checkpoints and a served model before the kill",
                        () -> complete(dir).size(),
                        n -> n >= 3 && client.valid.get() > 0);
                decoder.kill();
                Map<String, Long> beforeKill = complete(dir);
                long lastGood = beforeKill.values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElseThrow();
                Path planted = plantTruncatedNewest(dir, lastGood);
                int validBeforeRestart = client.valid.get();

                long restartedAt = System.nanoTime();
                decoder.restart().awaitReady(Pipeline.READY);
                String served = decoder.getJson("/decode/model").get("version").asText();
                Map<String, Long> after = Waits.until(
                        Duration.ofSeconds(120),
                        500,
                        "a new checkpoint after the restart",
                        () -> complete(dir),
                        all -> all.size() > beforeKill.size());
                double resumeSeconds = Waits.secondsSince(restartedAt);
                Waits.until(
                        Duration.ofSeconds(60),
                        200,
                        "predictions after the restart",
                        client.valid::get,
                        n -> n > validBeforeRestart + 5);
                client.close();

                Map<String, Long> fresh = new TreeMap<>(after);
                fresh.keySet().removeAll(beforeKill.keySet());
                long firstStepAfter =
                        fresh.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                Set<String> notComplete = new TreeSet<>(client.versions);
                notComplete.removeAll(after.keySet());
                System.out.printf(
                        "fault decoder-kill: %d checkpoints before the kill (last good step %d), planted %s, "
                                + "served %s after the restart, first new checkpoint at step %d (%.1f s after the "
                                + "restart), decode answers: %s, versions served %d (not a complete checkpoint %d), "
                                + "total %.1f s%n",
                        beforeKill.size(),
                        lastGood,
                        planted.getFileName(),
                        served,
                        firstStepAfter,
                        resumeSeconds,
                        client,
                        client.versions.size(),
                        notComplete.size(),
                        Waits.secondsSince(start));

                assertTrue(
                        client.bad.isEmpty(),
                        client.bad.size() + " bad answers (a 500 or a garbled body), e.g. "
                                + client.bad.subList(0, Math.min(3, client.bad.size())));
                assertTrue(
                        client.unavailable.get() > 0,
                        "no 503 seen, though no model was loaded before the first checkpoint");
                assertTrue(
                        notComplete.isEmpty(),
                        "predictions named versions that are no complete checkpoint: " + notComplete);
                assertTrue(
                        after.containsKey(served),
                        "after the restart it serves " + served + ", which is no complete checkpoint of "
                                + after.keySet());
                assertTrue(
                        Files.exists(planted) && !after.containsValue(lastGood + 1_000),
                        "the planted file was not skipped (or it was deleted)");
                assertTrue(
                        firstStepAfter > lastGood,
                        "training restarted below the last checkpoint's step " + lastGood
                                + ": the first checkpoint after the restart is at step " + firstStepAfter);
                double stepsGauge = gauge(decoder.metrics(), "w2e_decoder_training_steps");
                assertTrue(
                        stepsGauge > lastGood,
                        "w2e_decoder_training_steps is " + stepsGauge + " after the restart, "
                                + "at most the last checkpoint's step " + lastGood);
            }
        }
    }

    /** Continuous training on, with the {@code %test} profile's tiny transformer and a checkpoint every few steps. */
    private static void tinyTrainingDecoder(Pipeline pipeline) {
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("w2e.decoder.training.enabled", "true"),
                Map.entry("w2e.decoder.serve-networks", "none"),
                Map.entry("w2e.decoder.model", "no-shipped-model"), // no model until the first checkpoint: 503s
                Map.entry("w2e.decoder.health.require-model", "false"),
                Map.entry("w2e.decoder.training.init-from-model", "false"),
                Map.entry("w2e.decoder.training.checkpoint-dir", CHECKPOINTS),
                Map.entry("w2e.decoder.training.keep-last", "1000"), // every version served stays checkable
                Map.entry("w2e.decoder.training.batch-size", "8"),
                Map.entry("w2e.decoder.training.min-buffer", "8"),
                Map.entry("w2e.decoder.training.eval-every-steps", Integer.toString(EVERY)),
                Map.entry("w2e.decoder.training.validation-max", "16"),
                Map.entry("w2e.decoder.training.warmup-steps", "2"),
                Map.entry("w2e.decoder.training.learning-rate", "1e-3"),
                Map.entry("w2e.decoder.training.train-slice", "PT0.2S"),
                Map.entry("w2e.decoder.training.converged-only", "false"),
                Map.entry("w2e.decoder.training.transformer.probes", "8"),
                Map.entry("w2e.decoder.training.transformer.mlp-hidden", "32"),
                Map.entry("w2e.decoder.training.transformer.memory-tokens", "2"),
                Map.entry("w2e.decoder.training.transformer.d-model", "16"),
                Map.entry("w2e.decoder.training.transformer.heads", "2"),
                Map.entry("w2e.decoder.training.transformer.layers", "1"),
                Map.entry("w2e.decoder.training.transformer.ffn", "32"),
                Map.entry("w2e.decoder.training.transformer.max-tokens", "24")));
        settings.forEach((k, v) -> pipeline.with(Service.DECODER, k, v));
    }

    /** Version → step of every checkpoint file that reads back whole. */
    private static Map<String, Long> complete(Path dir) {
        Map<String, Long> versions = new TreeMap<>();
        for (Path file : new CheckpointDirectory(dir, Integer.MAX_VALUE).list()) {
            try {
                DecoderCheckpoint c = CheckpointFormat.read(file);
                versions.put(c.version(), c.step());
            } catch (IOException e) {
                // damaged: not a complete checkpoint
            }
        }
        return versions;
    }

    /** The newest checkpoint's first half under a newer name, as a kill during an unprotected write would leave. */
    private static Path plantTruncatedNewest(Path dir, long lastGood) {
        try {
            List<Path> files = new CheckpointDirectory(dir, Integer.MAX_VALUE).list();
            byte[] newest = Files.readAllBytes(files.get(files.size() - 1));
            long step = lastGood + 1_000;
            Path planted = dir.resolve(
                    String.format("decoder-%012d-s%d-20991231235959%s", step, step, CheckpointFormat.EXTENSION));
            Files.write(planted, Arrays.copyOf(newest, newest.length / 2));
            return planted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double gauge(String prometheus, String name) {
        return prometheus
                .lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from /q/metrics"));
    }
}

package io.weights2eq.training.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecoderFeatures;
import io.weights2eq.domain.decoding.DecoderTrainingOptions;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.decoding.TransformerDecoder;
import io.weights2eq.domain.equation.Vocabulary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DJL training graph and the pure-Java serving decoder compute the same function. */
class ForwardParityTest {

    private static final TransformerConfig SMALL = new TransformerConfig(8, 32, 3, 16, 2, 2, 24, 24);

    @Test
    void javaDecoderReproducesDjlLogitsAfterTraining() {
        List<TrainingExample> batch = Examples.random(6, 7);
        try (DjlDecoderTrainer trainer =
                new DjlDecoderTrainer(SMALL, new DecoderTrainingOptions(3e-3, 1, 0.01, 1.0, 1, 11))) {
            for (int i = 0; i < 5; i++) {
                trainer.step(batch);
            }
            float[][][] djl = trainer.logits(batch);
            DecoderCheckpoint checkpoint = trainer.checkpoint("parity", Map.of());
            TransformerDecoder java = new TransformerDecoder(checkpoint.weights());
            double worst = 0;
            for (int e = 0; e < batch.size(); e++) {
                int[] target = Vocabulary.encode(batch.get(e).target().toCanonicalText());
                float[] features = DecoderFeatures.of(batch.get(e).network(), SMALL.probes());
                float[][] rows = java.logits(features, target);
                for (int t = 0; t < rows.length; t++) {
                    for (int v = 0; v < Vocabulary.SIZE; v++) {
                        worst = Math.max(worst, Math.abs(rows[t][v] - djl[e][t][v]));
                    }
                }
            }
            assertTrue(worst < 1e-4, "largest logit difference " + worst);
        }
    }

    @Test
    void lossFallsOnARepeatedBatch() {
        List<TrainingExample> batch = Examples.random(16, 3);
        try (DjlDecoderTrainer trainer =
                new DjlDecoderTrainer(SMALL, new DecoderTrainingOptions(3e-3, 1, 0.0, 1.0, 1, 5))) {
            double first = trainer.step(batch);
            double last = first;
            for (int i = 0; i < 60; i++) {
                last = trainer.step(batch);
            }
            assertTrue(last < first * 0.5, "loss " + first + " -> " + last);
            assertEquals(61, trainer.steps());
            assertEquals(61 * 16, trainer.examplesSeen());
        }
    }

    @Test
    void restoreContinuesBitForBit() {
        List<TrainingExample> batch = Examples.random(8, 9);
        DecoderTrainingOptions options = new DecoderTrainingOptions(1e-3, 2, 0.01, 1.0, 1, 13);
        try (DjlDecoderTrainer a = new DjlDecoderTrainer(SMALL, options);
                DjlDecoderTrainer b = new DjlDecoderTrainer(SMALL, options.withSeed(99))) {
            a.step(batch);
            a.step(batch);
            b.restore(a.checkpoint("mid", Map.of()));
            double la = a.step(batch);
            double lb = b.step(batch);
            assertEquals(la, lb, 0.0);
            DecoderCheckpoint ca = a.checkpoint("x", Map.of());
            DecoderCheckpoint cb = b.checkpoint("x", Map.of());
            for (String name : SMALL.parameterShapes().keySet()) {
                assertTrue(
                        java.util.Arrays.equals(
                                ca.weights().get(name), cb.weights().get(name)),
                        name);
            }
            assertEquals(3, b.steps());
        }
    }

    @Test
    void aNonFiniteLossIsNotApplied() {
        List<TrainingExample> batch = Examples.random(4, 21);
        try (DjlDecoderTrainer trainer =
                new DjlDecoderTrainer(SMALL, new DecoderTrainingOptions(1e-3, 1, 0.01, 1.0, 1, 17))) {
            trainer.step(batch);
            DecoderCheckpoint before = trainer.checkpoint("before", Map.of());
            Map<String, float[]> poisoned =
                    new java.util.LinkedHashMap<>(before.weights().tensors());
            float[] bias = poisoned.get("out.bias").clone();
            bias[0] = Float.NaN;
            poisoned.put("out.bias", bias);
            trainer.restore(new DecoderCheckpoint(
                    "poisoned",
                    before.step(),
                    before.examplesSeen(),
                    before.createdAtMillis(),
                    new io.weights2eq.domain.decoding.TransformerWeights(SMALL, poisoned),
                    before.optimizerState(),
                    Map.of()));
            double loss = trainer.step(batch);
            assertTrue(Double.isNaN(loss), "loss " + loss);
            assertEquals(1, trainer.skippedSteps());
            DecoderCheckpoint after = trainer.checkpoint("after", Map.of());
            for (String name : SMALL.parameterShapes().keySet()) {
                assertTrue(
                        java.util.Arrays.equals(
                                poisoned.get(name), after.weights().get(name)),
                        name);
            }
        }
    }
}

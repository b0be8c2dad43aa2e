package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransformerDecoderTest {

    /** Two layers, four heads, a short length limit. */
    private static final TransformerConfig DEEP = new TransformerConfig(8, 16, 2, 16, 4, 2, 32, 10);

    private static final List<TransformerConfig> CONFIGS = List.of(RandomWeights.SMALL, DEEP);
    private static final int SEEDS = 12;

    private static TransformerDecoder decoder(TransformerConfig config, long seed) {
        return new TransformerDecoder(RandomWeights.weights(config, seed, 0.5));
    }

    /** The same random weights with {@code out.bias[EOS]} set to {@code eosBias}. */
    private static TransformerDecoder decoderWithEosBias(TransformerConfig config, long seed, float eosBias) {
        Map<String, float[]> tensors = RandomWeights.tensors(config, seed, 0.5);
        tensors.get("out.bias")[Vocabulary.EOS] = eosBias;
        return new TransformerDecoder(new TransformerWeights(config, tensors));
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double logSoftmax(float[] logits, int token) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        return logits[token] - max - Math.log(sum);
    }

    /** Sum of the teacher-forced log-probabilities of {@code tokens} (after {@code <bos>}). */
    private static double sequenceLogProbability(TransformerDecoder decoder, float[] features, int[] tokens) {
        float[][] rows = decoder.logits(features, Arrays.copyOf(tokens, tokens.length - 1));
        double sum = 0;
        for (int i = 0; i < tokens.length; i++) {
            sum += logSoftmax(rows[i], tokens[i]);
        }
        return sum;
    }

    private static void assertFinished(int[] tokens, int maxLen) {
        assertTrue(tokens.length >= 1 && tokens.length <= maxLen, Arrays.toString(tokens));
        for (int i = 0; i < tokens.length - 1; i++) {
            assertTrue(tokens[i] != Vocabulary.EOS, "<eos> before the end: " + Arrays.toString(tokens));
        }
        if (tokens[tokens.length - 1] != Vocabulary.EOS) {
            assertEquals(maxLen, tokens.length, "stopped before the limit without <eos>: " + Arrays.toString(tokens));
        }
        for (int t : tokens) {
            assertTrue(t >= 0 && t < Vocabulary.SIZE, "token id " + t);
        }
    }

    @Test
    void logitsHaveOneRowPerInputPosition() {
        TransformerDecoder decoder = decoder(RandomWeights.SMALL, 1);
        float[] features = RandomWeights.features(RandomWeights.SMALL, 2);
        float[][] rows = decoder.logits(features, new int[] {5, 6, 7});
        assertEquals(4, rows.length);
        for (float[] row : rows) {
            assertEquals(Vocabulary.SIZE, row.length);
            for (float v : row) {
                assertTrue(Float.isFinite(v));
            }
        }
        // causal: a longer prefix does not change the earlier rows
        float[][] shorter = decoder.logits(features, new int[] {5});
        assertArrayEquals(shorter[0], rows[0]);
        assertArrayEquals(shorter[1], rows[1]);
        // the random weights are large enough that the logits are not all alike, and the features matter
        float[] row = rows[0];
        float spread = 0;
        for (float v : row) {
            spread = Math.max(spread, Math.abs(v - row[0]));
        }
        assertTrue(spread > 0.1, "logits nearly constant: " + Arrays.toString(row));
        float[][] other = decoder.logits(RandomWeights.features(RandomWeights.SMALL, 3), new int[] {5});
        assertFalse(Arrays.equals(other[0], rows[0]), "features have no effect");
        // the position limit: <bos> + maxTokens − 1 tokens fit, one more does not
        int maxTokens = RandomWeights.SMALL.maxTokens();
        assertEquals(maxTokens, decoder.logits(features, new int[maxTokens - 1]).length);
        assertThrows(IllegalStateException.class, () -> decoder.logits(features, new int[maxTokens]));
    }

    @Test
    void greedyIsTheArgmaxOfTheTeacherForcedLogitsAtEveryStep() {
        for (TransformerConfig config : CONFIGS) {
            for (long seed = 0; seed < SEEDS; seed++) {
                TransformerDecoder decoder = decoder(config, 100 + seed);
                float[] features = RandomWeights.features(config, seed);
                int[] greedy = decoder.greedy(features);
                assertFinished(greedy, config.maxTokens() - 1);
                float[][] rows = decoder.logits(features, greedy);
                for (int i = 0; i < greedy.length; i++) {
                    assertEquals(argmax(rows[i]), greedy[i], "step " + i + " of " + Arrays.toString(greedy));
                }
                assertArrayEquals(greedy, decoder.greedy(features), "deterministic");
            }
        }
    }

    @Test
    void greedyStopsAtEosOrAtTheLengthLimit() {
        for (TransformerConfig config : CONFIGS) {
            float[] features = RandomWeights.features(config, 5);
            assertArrayEquals(
                    new int[] {Vocabulary.EOS},
                    decoderWithEosBias(config, 7, 100f).greedy(features));
            int[] endless = decoderWithEosBias(config, 7, -100f).greedy(features);
            assertEquals(config.maxTokens() - 1, endless.length);
            for (int t : endless) {
                assertTrue(t != Vocabulary.EOS);
            }
        }
    }

    @Test
    void beamOfWidthOneIsGreedy() {
        for (TransformerConfig config : CONFIGS) {
            for (long seed = 0; seed < SEEDS; seed++) {
                TransformerDecoder decoder = decoder(config, 200 + seed);
                float[] features = RandomWeights.features(config, 50 + seed);
                int[] greedy = decoder.greedy(features);
                List<TransformerDecoder.Hypothesis> beam = decoder.beam(features, 1);
                assertEquals(1, beam.size());
                assertArrayEquals(greedy, beam.get(0).tokens());
                assertEquals(
                        sequenceLogProbability(decoder, features, greedy),
                        beam.get(0).logProbability(),
                        1e-4);
            }
        }
    }

    /*
     * What beam search must satisfy, and what it need not. Every returned hypothesis is finished, scored by the
     * true sum of its log-probabilities (this checks the per-hypothesis self-attention caches: a cache shared or
     * copied wrongly between beams changes the logits and so the scores), distinct, best first, at most width.
     * "Best beam ≥ greedy" is NOT guaranteed: greedy's prefix can be pushed out of the beam by other prefixes
     * that score higher at that step but end worse, and here each finished hypothesis also takes a slot for good,
     * so the beam narrows as hypotheses finish. What must hold is that when greedy's sequence is among the
     * returned hypotheses it carries greedy's score, so the best is at least that.
     */
    @Test
    void beamHypothesesAreFinishedSortedAndTrulyScored() {
        int greedyFinishedWithEos = 0;
        int greedyReturnedByBeam = 0;
        for (TransformerConfig config : CONFIGS) {
            int maxLen = config.maxTokens() - 1;
            for (long seed = 0; seed < SEEDS; seed++) {
                TransformerDecoder decoder = decoder(config, 300 + seed);
                float[] features = RandomWeights.features(config, 70 + seed);
                List<TransformerDecoder.Hypothesis> beam = decoder.beam(features, 4);
                assertTrue(!beam.isEmpty() && beam.size() <= 4, "size " + beam.size());
                Set<List<Integer>> distinct = new HashSet<>();
                for (int i = 0; i < beam.size(); i++) {
                    TransformerDecoder.Hypothesis h = beam.get(i);
                    assertFinished(h.tokens(), maxLen);
                    assertTrue(distinct.add(Arrays.stream(h.tokens()).boxed().toList()), "duplicate hypothesis");
                    assertTrue(h.logProbability() <= 0, "log-probability " + h.logProbability());
                    assertEquals(
                            sequenceLogProbability(decoder, features, h.tokens()),
                            h.logProbability(),
                            1e-4,
                            "score of " + Arrays.toString(h.tokens()));
                    if (i > 0) {
                        assertTrue(beam.get(i - 1).logProbability() >= h.logProbability(), "not sorted");
                    }
                }
                int[] greedy = decoder.greedy(features);
                if (greedy[greedy.length - 1] != Vocabulary.EOS) {
                    continue;
                }
                greedyFinishedWithEos++;
                double greedyScore = sequenceLogProbability(decoder, features, greedy);
                for (TransformerDecoder.Hypothesis h : beam) {
                    if (Arrays.equals(h.tokens(), greedy)) {
                        greedyReturnedByBeam++;
                        assertEquals(greedyScore, h.logProbability(), 1e-4);
                        assertTrue(beam.get(0).logProbability() >= greedyScore - 1e-4);
                    }
                }
            }
        }
        assertTrue(greedyFinishedWithEos > 0, "no seed exercised the greedy comparison");
        assertTrue(greedyReturnedByBeam > 0, "no seed had greedy's sequence in the beam");
    }

    @Test
    void beamWithForcedEndOrNoEnd() {
        for (TransformerConfig config : CONFIGS) {
            float[] features = RandomWeights.features(config, 9);
            // <eos> almost certain at every step: [<eos>] first, then three two-token hypotheses ending with it
            List<TransformerDecoder.Hypothesis> ending =
                    decoderWithEosBias(config, 11, 100f).beam(features, 4);
            assertEquals(4, ending.size());
            assertArrayEquals(new int[] {Vocabulary.EOS}, ending.get(0).tokens());
            assertEquals(0, ending.get(0).logProbability(), 1e-6);
            for (TransformerDecoder.Hypothesis h : ending.subList(1, 4)) {
                assertEquals(2, h.tokens().length);
                assertEquals(Vocabulary.EOS, h.tokens()[1]);
                assertTrue(h.logProbability() < -50);
            }
            // <eos> impossible: every hypothesis runs to the length limit
            List<TransformerDecoder.Hypothesis> endless =
                    decoderWithEosBias(config, 11, -100f).beam(features, 4);
            assertEquals(4, endless.size());
            for (TransformerDecoder.Hypothesis h : endless) {
                assertEquals(config.maxTokens() - 1, h.tokens().length);
            }
        }
    }

    @Test
    void wrongFeatureLengthIsRejected() {
        TransformerDecoder decoder = decoder(RandomWeights.SMALL, 1);
        int n = RandomWeights.SMALL.featureSize();
        for (float[] wrong : new float[][] {new float[n - 1], new float[n + 1], new float[0]}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.greedy(wrong));
            assertTrue(e.getMessage().contains(Integer.toString(n)), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> decoder.beam(wrong, 2));
            assertThrows(IllegalArgumentException.class, () -> decoder.logits(wrong, new int[0]));
        }
    }

    @Test
    void concurrentDecodingGivesIdenticalResults() throws Exception {
        TransformerDecoder decoder = decoder(DEEP, 400);
        int inputs = 6;
        List<float[]> features = new ArrayList<>();
        List<int[]> greedy = new ArrayList<>();
        List<List<TransformerDecoder.Hypothesis>> beams = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            features.add(RandomWeights.features(DEEP, 500 + i));
            greedy.add(decoder.greedy(features.get(i)));
            beams.add(decoder.beam(features.get(i), 3));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                Callable<Integer> task = () -> {
                    int checked = 0;
                    for (int round = 0; round < 15; round++) {
                        int i = (round + offset) % inputs;
                        assertArrayEquals(greedy.get(i), decoder.greedy(features.get(i)));
                        List<TransformerDecoder.Hypothesis> beam = decoder.beam(features.get(i), 3);
                        assertEquals(beams.get(i).size(), beam.size());
                        for (int h = 0; h < beam.size(); h++) {
                            assertArrayEquals(
                                    beams.get(i).get(h).tokens(), beam.get(h).tokens());
                            assertEquals(
                                    beams.get(i).get(h).logProbability(),
                                    beam.get(h).logProbability(),
                                    1e-9);
                        }
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(task));
            }
            for (Future<Integer> f : results) {
                assertEquals(15, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

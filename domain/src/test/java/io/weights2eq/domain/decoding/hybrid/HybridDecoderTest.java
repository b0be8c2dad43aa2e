package io.weights2eq.domain.decoding.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.decoding.TransformerWeights;
import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The hybrid decoder verifies every candidate against the network: a wrong learned guess cannot win. */
class HybridDecoderTest {

    private static final TransformerConfig CONFIG = new TransformerConfig(4, 8, 2, 32, 4, 1, 16, 24);
    private static final EquationFamily SERVANT = EquationFamily.servant();

    @Test
    void picksTheTrueEquationWhereTheLearnedCandidateIsWrong() {
        LearnedDecoder wrong = emitting("2*x+1");
        for (String truth :
                List.of("2.3*x*x-1.2*x+0.5", "-1.7*x*x+3*x", "4*x-0.2", "-5*x*x+4.9", "0.1*x*x-0.1*x+0.1")) {
            Polynomial p = Polynomial.parse(truth);
            Network network = interpolant(p::evaluate);
            HybridDecoder hybrid = new HybridDecoder(wrong, SERVANT, -1, 1);
            HybridDecoder.Decision decision = hybrid.decide(network);
            assertEquals(truth, decision.chosen().polynomial().toCanonicalText(), "for " + truth);
            assertTrue(
                    decision.candidates().stream()
                            .anyMatch(c -> c.method().equals(LearnedDecoder.METHOD)
                                    && c.polynomial().toCanonicalText().equals("2*x+1")),
                    "the learned guess was weighed");
            assertNotNull(decision.runnerUp());
            DecodedEquation decoded = hybrid.decode(network);
            assertEquals(truth, decoded.canonicalText());
            assertEquals(HybridDecoder.METHOD, decoded.method());
            assertEquals("test-v1", decoded.modelVersion());
            assertEquals(Vocabulary.EOS, decoded.tokenIds()[decoded.tokenIds().length - 1]);
        }
    }

    @Test
    void aRightLearnedCandidateWinsAndKeepsItsMethod() {
        String truth = "-3.2*x*x+1*x";
        HybridDecoder.Decision decision = new HybridDecoder(emitting(truth), SERVANT, -1, 1)
                .decide(interpolant(Polynomial.parse(truth)::evaluate));
        assertEquals(truth, decision.chosen().polynomial().toCanonicalText());
        assertEquals(LearnedDecoder.METHOD, decision.chosen().method(), "first proposer of a duplicate is kept");
    }

    @Test
    void withinTheToleranceTheSimplerCandidateWins() {
        // the network is 3x plus a wiggle the size of a trained network's error: the projection's finest rounding
        // ("0.1*x*x+3*x" or with a constant) fits a little better, but "3*x" is within the tolerance and simpler
        Network network = interpolant(x -> 3 * x + 0.012 * Math.sin(7 * x) + 0.004);
        HybridDecoder.Decision decision = new HybridDecoder(null, SERVANT, -1, 1).decide(network);
        assertEquals("3*x", decision.chosen().polynomial().toCanonicalText());
        double best = decision.candidates().stream()
                .mapToDouble(c -> 1 - c.fit().rSquared())
                .min()
                .orElseThrow();
        assertTrue(1 - decision.chosen().fit().rSquared() <= best + HybridDecoder.DEFAULT_TOLERANCE);
    }

    @Test
    void withoutToleranceTheBestFitWins() {
        Network network = interpolant(x -> 3 * x + 0.3 * x * x + 0.05 * Math.sin(9 * x));
        HybridDecoder.Decision decision = new HybridDecoder(null, SERVANT, -1, 1, 0.0, 1).decide(network);
        double best = decision.candidates().stream()
                .mapToDouble(c -> 1 - c.fit().rSquared())
                .min()
                .orElseThrow();
        assertEquals(best, 1 - decision.chosen().fit().rSquared(), 0.0);
    }

    @Test
    void worksWithoutALearnedModelAndRejectsBadSettings() {
        String truth = "1.5*x*x-2";
        assertEquals(
                truth,
                new HybridDecoder(null, SERVANT, -1, 1)
                        .decode(interpolant(Polynomial.parse(truth)::evaluate))
                        .canonicalText());
        assertThrows(IllegalArgumentException.class, () -> new HybridDecoder(null, SERVANT, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new HybridDecoder(null, SERVANT, -1, 1, -0.1, 4));
        assertThrows(IllegalArgumentException.class, () -> new HybridDecoder(null, SERVANT, -1, 1, 1e-4, 0));
    }

    @Test
    void smoothNetworksAlsoGetTaylorCandidates() {
        float[] p = new float[NetworkLayout.DEFAULT.parameterCount()];
        DeterministicRandom random = DeterministicRandom.ofSeed(5);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((random.nextDouble() - 0.5) * 0.4);
        }
        HybridDecoder.Decision decision =
                new HybridDecoder(null, SERVANT, -1, 1).decide(new Network(NetworkLayout.DEFAULT, Activation.TANH, p));
        assertTrue(decision.candidates().stream().anyMatch(c -> c.method().equals("analytic")));
        assertTrue(decision.candidates().stream()
                .allMatch(c -> List.of("analytic", "taylor").contains(c.method())));
    }

    /** The piecewise-linear interpolant of g at 65 even knots on [-1, 1], as a 1-64-1 ReLU network. */
    static Network interpolant(DoubleUnaryOperator g) {
        int pieces = 64;
        NetworkLayout layout = new NetworkLayout(1, pieces, 1);
        float[] p = new float[layout.parameterCount()];
        double h = 2.0 / pieces;
        p[layout.biasIndex(1, 0)] = (float) g.applyAsDouble(-1);
        double previousSlope = 0;
        for (int j = 0; j < pieces; j++) {
            double knot = -1 + j * h;
            double slope = (g.applyAsDouble(knot + h) - g.applyAsDouble(knot)) / h;
            p[layout.weightIndex(0, j, 0)] = 1;
            p[layout.biasIndex(0, j)] = (float) -knot;
            p[layout.weightIndex(1, 0, j)] = (float) (slope - previousSlope);
            previousSlope = slope;
        }
        return new Network(layout, Activation.RELU, p);
    }

    /** A learned decoder whose transformer emits {@code text} whatever the network (see DecodeCommandTest). */
    static LearnedDecoder emitting(String text) {
        DeterministicRandom random = DeterministicRandom.ofSeed(11);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        CONFIG.parameterShapes().forEach((name, shape) -> {
            float[] t = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < t.length; i++) {
                t[i] = name.endsWith(".gamma") ? 1f : (float) ((random.nextDouble() - 0.5) * 0.02);
            }
            tensors.put(name, t);
        });
        int d = CONFIG.dModel();
        float[] position = tensors.get("embed.position");
        for (int t = 0; t < CONFIG.maxTokens(); t++) {
            position[t * d + t] += 1f;
        }
        int[] ids = Vocabulary.encode(text);
        int[] target = Arrays.copyOf(ids, ids.length + 1);
        target[ids.length] = Vocabulary.EOS;
        float[] out = tensors.get("out.weight");
        for (int t = 0; t < target.length; t++) {
            out[target[t] * d + t] += 10f;
        }
        return new LearnedDecoder(
                new DecoderCheckpoint("test-v1", 7, 0, 0, new TransformerWeights(CONFIG, tensors), Map.of(), Map.of()),
                1);
    }
}

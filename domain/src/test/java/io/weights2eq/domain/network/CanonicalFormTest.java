package io.weights2eq.domain.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.DeterministicRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CanonicalFormTest {

    private static final NetworkLayout SMALL = new NetworkLayout(1, 5, 3, 1);

    @ParameterizedTest
    @EnumSource(Activation.class)
    void symmetricCopiesHaveTheSameCanonicalFormAndFunction(Activation activation) {
        for (NetworkLayout layout : new NetworkLayout[] {NetworkLayout.DEFAULT, SMALL}) {
            for (long seed = 1; seed <= 5; seed++) {
                DeterministicRandom random = DeterministicRandom.ofSeed(seed * 31 + activation.ordinal());
                Network original = randomNetwork(layout, activation, random);
                Network transformed = transform(original, random);
                Network canonical = CanonicalForm.of(original);
                Network canonicalOfTransformed = CanonicalForm.of(transformed);

                assertEquals(layout, canonical.layout());
                assertEquals(activation, canonical.activation());
                assertClose(canonical.parameters(), canonicalOfTransformed.parameters(), 1e-5);
                assertSameFunction(original, transformed);
                assertSameFunction(original, canonical);
                assertSameFunction(original, canonicalOfTransformed);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void isIdempotent(Activation activation) {
        for (NetworkLayout layout : new NetworkLayout[] {NetworkLayout.DEFAULT, SMALL}) {
            Network canonical = CanonicalForm.of(randomNetwork(layout, activation, DeterministicRandom.ofSeed(7)));
            Network twice = CanonicalForm.of(canonical);
            if (activation == Activation.RELU) {
                assertClose(canonical.parameters(), twice.parameters(), 1e-6);
            } else {
                assertArrayEquals(canonical.parameters(), twice.parameters());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void canonicalFormSatisfiesItsDefinition(Activation activation) {
        for (NetworkLayout layout : new NetworkLayout[] {NetworkLayout.DEFAULT, SMALL}) {
            Network canonical = CanonicalForm.of(randomNetwork(layout, activation, DeterministicRandom.ofSeed(11)));
            float[] p = canonical.parameters();
            for (int h = 0; h < layout.linearLayers() - 1; h++) {
                double[] previous = null;
                for (int j = 0; j < layout.size(h + 1); j++) {
                    double[] v = incoming(p, layout, h, j);
                    if (activation == Activation.RELU) {
                        double norm = norm(v);
                        assertTrue(norm == 0 || Math.abs(norm - 1) < 1e-6, "layer " + h + " neuron " + j + ": " + norm);
                    }
                    if (activation == Activation.TANH) {
                        assertTrue(firstNonZero(v) >= 0, "layer " + h + " neuron " + j);
                    }
                    if (previous != null) {
                        assertTrue(
                                descendingLexicographic(previous, v) <= 0,
                                "layer " + h + ": neuron " + (j - 1) + " must not come after neuron " + j);
                    }
                    previous = v;
                }
            }
        }
    }

    @Test
    void doesNotModifyItsArgumentAndDeadReluNeuronsStay() {
        Network original = randomNetwork(SMALL, Activation.RELU, DeterministicRandom.ofSeed(3));
        float[] p = original.parameters();
        p[SMALL.weightIndex(0, 2, 0)] = 0f; // neuron 2 of the first hidden layer is dead
        p[SMALL.biasIndex(0, 2)] = 0f;
        float[] before = p.clone();
        Network canonical = CanonicalForm.of(original);
        assertNotSame(original.parameters(), canonical.parameters());
        assertArrayEquals(before, original.parameters());
        int zeroRows = 0;
        for (int j = 0; j < SMALL.size(1); j++) {
            if (norm(incoming(canonical.parameters(), SMALL, 0, j)) == 0) {
                zeroRows++;
            }
        }
        assertEquals(1, zeroRows);
        assertSameFunction(original, canonical);
    }

    @Test
    void tanhSignKeyFallsBackToTheBias() {
        NetworkLayout layout = new NetworkLayout(1, 2, 1);
        float[] p = new float[layout.parameterCount()];
        p[layout.weightIndex(0, 0, 0)] = 0f;
        p[layout.biasIndex(0, 0)] = -0.5f;
        p[layout.weightIndex(0, 1, 0)] = -0.25f;
        p[layout.biasIndex(0, 1)] = 0.75f;
        p[layout.weightIndex(1, 0, 0)] = 2f;
        p[layout.weightIndex(1, 0, 1)] = 3f;
        p[layout.biasIndex(1, 0)] = 0.125f;
        Network network = new Network(layout, Activation.TANH, p);
        float[] c = CanonicalForm.of(network).parameters();
        // neuron 1 → [0.25, -0.75], out -3 sorts first (w 0.25 > 0); neuron 0 → [0, 0.5], out -2.
        assertArrayEquals(new float[] {0.25f, 0f, -3f, -2f, -0.75f, 0.5f, 0.125f}, c);
        assertSameFunction(network, CanonicalForm.of(network));
    }

    // ---- helpers ----

    private static Network randomNetwork(NetworkLayout layout, Activation activation, DeterministicRandom random) {
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (2 * random.nextDouble() - 1);
        }
        return new Network(layout, activation, p);
    }

    /** A random permutation of every hidden layer, plus relu rescaling by s in [0.1, 10] or tanh sign flips. */
    private static Network transform(Network network, DeterministicRandom random) {
        NetworkLayout layout = network.layout();
        double[] p = new double[layout.parameterCount()];
        float[] source = network.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] = source[i];
        }
        for (int h = 0; h < layout.linearLayers() - 1; h++) {
            int neurons = layout.size(h + 1);
            int ins = layout.size(h);
            int outs = layout.size(h + 2);
            for (int j = 0; j < neurons; j++) {
                double in = 1;
                double out = 1;
                if (network.activation() == Activation.RELU) {
                    double s = Math.pow(10, 2 * random.nextDouble() - 1);
                    in = s;
                    out = 1 / s;
                } else if (network.activation() == Activation.TANH && random.nextDouble() < 0.5) {
                    in = -1;
                    out = -1;
                }
                for (int i = 0; i < ins; i++) {
                    p[layout.weightIndex(h, j, i)] *= in;
                }
                p[layout.biasIndex(h, j)] *= in;
                for (int o = 0; o < outs; o++) {
                    p[layout.weightIndex(h + 1, o, j)] *= out;
                }
            }
            int[] perm = new int[neurons];
            for (int j = 0; j < neurons; j++) {
                perm[j] = j;
            }
            for (int j = neurons - 1; j > 0; j--) {
                int k = (int) (random.nextDouble() * (j + 1));
                int t = perm[j];
                perm[j] = perm[k];
                perm[k] = t;
            }
            double[] old = p.clone();
            for (int to = 0; to < neurons; to++) {
                int from = perm[to];
                for (int i = 0; i < ins; i++) {
                    p[layout.weightIndex(h, to, i)] = old[layout.weightIndex(h, from, i)];
                }
                p[layout.biasIndex(h, to)] = old[layout.biasIndex(h, from)];
                for (int o = 0; o < outs; o++) {
                    p[layout.weightIndex(h + 1, o, to)] = old[layout.weightIndex(h + 1, o, from)];
                }
            }
        }
        float[] result = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            result[i] = (float) p[i];
        }
        return new Network(layout, network.activation(), result);
    }

    private static double[] incoming(float[] p, NetworkLayout layout, int h, int neuron) {
        int ins = layout.size(h);
        double[] v = new double[ins + 1];
        for (int i = 0; i < ins; i++) {
            v[i] = p[layout.weightIndex(h, neuron, i)];
        }
        v[ins] = p[layout.biasIndex(h, neuron)];
        return v;
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    private static double firstNonZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return x;
            }
        }
        return 0;
    }

    /** Negative when a comes first in the documented order (every component descending). */
    private static int descendingLexicographic(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return a[i] > b[i] ? -1 : 1;
            }
        }
        return 0;
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            assertTrue(
                    diff <= tolerance * Math.max(1, Math.abs(expected[i])),
                    "parameter " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    private static void assertSameFunction(Network expected, Network actual) {
        for (int k = 0; k <= 200; k++) {
            double x = -1 + k / 100.0;
            double y = expected.evaluate(x);
            double z = actual.evaluate(x);
            assertTrue(Math.abs(y - z) <= 1e-5 * Math.max(1, Math.abs(y)), "x=" + x + ": " + y + " vs " + z);
        }
    }
}

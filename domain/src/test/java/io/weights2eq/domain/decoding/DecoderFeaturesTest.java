package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.CanonicalForm;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DecoderFeaturesTest {

    private static final NetworkLayout DEFAULT = NetworkLayout.DEFAULT;
    private static final int PROBES = DecoderFeatures.DEFAULT_PROBES;

    private static Network random(NetworkLayout layout, Activation activation, long seed, double amplitude) {
        return new Network(
                layout,
                activation,
                RandomWeights.uniform(DeterministicRandom.ofSeed(seed), layout.parameterCount(), amplitude));
    }

    private static Network filled(Activation activation, float value, long seed) {
        // every parameter ±value, signs random
        DeterministicRandom random = DeterministicRandom.ofSeed(seed);
        float[] p = new float[DEFAULT.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextInt(2) == 0 ? value : -value;
        }
        return new Network(DEFAULT, activation, p);
    }

    /** Moves hidden neuron {@code from} of hidden layer h (output of linear layer h) to position {@code perm[from]}. */
    private static Network permuteHidden(Network n, int h, int[] perm) {
        NetworkLayout l = n.layout();
        float[] src = n.parameters();
        float[] p = src.clone();
        for (int from = 0; from < perm.length; from++) {
            int to = perm[from];
            for (int i = 0; i < l.size(h); i++) {
                p[l.weightIndex(h, to, i)] = src[l.weightIndex(h, from, i)];
            }
            p[l.biasIndex(h, to)] = src[l.biasIndex(h, from)];
            for (int o = 0; o < l.size(h + 2); o++) {
                p[l.weightIndex(h + 1, o, to)] = src[l.weightIndex(h + 1, o, from)];
            }
        }
        return new Network(l, n.activation(), p);
    }

    /** Scales hidden neuron j of hidden layer h: incoming weights and bias by s, outgoing weights by 1/s. */
    private static Network rescaleHidden(Network n, int h, int j, float s) {
        NetworkLayout l = n.layout();
        float[] p = n.parameters().clone();
        for (int i = 0; i < l.size(h); i++) {
            p[l.weightIndex(h, j, i)] *= s;
        }
        p[l.biasIndex(h, j)] *= s;
        for (int o = 0; o < l.size(h + 2); o++) {
            p[l.weightIndex(h + 1, o, j)] /= s;
        }
        return new Network(l, n.activation(), p);
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "feature " + i);
        }
    }

    private static void assertAllFinite(float[] f) {
        for (int i = 0; i < f.length; i++) {
            assertTrue(Float.isFinite(f[i]), "feature " + i + " is " + f[i]);
        }
    }

    @Test
    void sizeAndProbeChannel() {
        assertEquals(PROBES + 152 + 4 + 1, DecoderFeatures.size(PROBES));
        assertEquals(8 + 157, DecoderFeatures.size(8));
        assertEquals(-1.0, DecoderFeatures.probeX(0, 5));
        assertEquals(0.0, DecoderFeatures.probeX(2, 5));
        assertEquals(1.0, DecoderFeatures.probeX(4, 5));
        Network n = random(DEFAULT, Activation.TANH, 1, 1.0);
        for (int probes : new int[] {2, 7, PROBES}) {
            float[] f = DecoderFeatures.of(n, probes);
            assertEquals(DecoderFeatures.size(probes), f.length);
            for (int k = 0; k < probes; k++) {
                double x = -1.0 + 2.0 * k / (probes - 1);
                assertEquals((float) (n.evaluate(x) / 5.0), f[k], "probe " + k);
            }
            assertEquals(1f, f[f.length - 1], "1-8-7-8-1 flag");
        }
        // the probes see the function: different networks, different probes
        float[] a = DecoderFeatures.of(n, PROBES);
        float[] b = DecoderFeatures.of(random(DEFAULT, Activation.TANH, 2, 1.0), PROBES);
        assertFalse(Arrays.equals(Arrays.copyOf(a, PROBES), Arrays.copyOf(b, PROBES)));
    }

    @Test
    void parameterBlockIsTheAsinhOfTheCanonicalForm() {
        Network n = random(DEFAULT, Activation.SIGMOID, 3, 2.0); // sigmoid: canonical form only sorts
        float[] f = DecoderFeatures.of(n, PROBES);
        float[] canonical = CanonicalForm.of(n).parameters();
        for (int i = 0; i < 152; i++) {
            double v = canonical[i];
            assertEquals((float) Math.log(v + Math.sqrt(v * v + 1)), f[PROBES + i], 1e-6, "parameter " + i);
        }
    }

    @Test
    void activationOneHot() {
        for (Activation activation : Activation.values()) {
            float[] f = DecoderFeatures.of(random(DEFAULT, activation, 4, 1.0), PROBES);
            int at = PROBES + 152;
            for (int i = 0; i < 4; i++) {
                assertEquals(i == activation.ordinal() ? 1f : 0f, f[at + i], activation + " entry " + i);
            }
        }
    }

    @Test
    void permutedHiddenNeuronsGiveTheSameFeatures() {
        for (Activation activation : Activation.values()) {
            Network n = random(DEFAULT, activation, 10 + activation.ordinal(), 1.5);
            Network p = permuteHidden(n, 0, new int[] {3, 0, 7, 1, 6, 2, 5, 4});
            p = permuteHidden(p, 1, new int[] {6, 5, 4, 3, 2, 1, 0});
            p = permuteHidden(p, 2, new int[] {1, 2, 3, 4, 5, 6, 7, 0});
            assertFalse(Arrays.equals(n.parameters(), p.parameters()), "the permutation changed nothing");
            for (double x : new double[] {-0.9, 0.1, 0.77}) {
                assertEquals(n.evaluate(x), p.evaluate(x), 1e-9, "permutation must preserve the function");
            }
            assertClose(DecoderFeatures.of(n, PROBES), DecoderFeatures.of(p, PROBES), 1e-5);
        }
    }

    @Test
    void reluRescaledNeuronGivesTheSameFeatures() {
        Network n = random(DEFAULT, Activation.RELU, 20, 1.5);
        Network r = rescaleHidden(n, 0, 2, 3.7f);
        r = rescaleHidden(r, 1, 5, 0.3f);
        r = rescaleHidden(r, 2, 0, 12.5f);
        assertClose(DecoderFeatures.of(n, PROBES), DecoderFeatures.of(r, PROBES), 1e-5);
        // a negative scale is not a symmetry of relu: the features must see it
        Network negated = rescaleHidden(n, 1, 5, -1f);
        float[] a = DecoderFeatures.of(n, PROBES);
        float[] b = DecoderFeatures.of(negated, PROBES);
        double maxDiff = 0;
        for (int i = PROBES; i < PROBES + 152; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        }
        assertTrue(maxDiff > 1e-3, "negated neuron invisible in the parameter block");
    }

    @Test
    void otherLayoutsHaveOnlyTheProbeChannel() {
        NetworkLayout wide = new NetworkLayout(1, 16, 1);
        Network n = random(wide, Activation.TANH, 30, 2.0);
        float[] f = DecoderFeatures.of(n, PROBES);
        assertEquals(DecoderFeatures.size(PROBES), f.length);
        boolean anyProbe = false;
        for (int k = 0; k < PROBES; k++) {
            assertEquals((float) (n.evaluate(DecoderFeatures.probeX(k, PROBES)) / 5.0), f[k]);
            anyProbe |= f[k] != 0f;
        }
        assertTrue(anyProbe, "probe channel empty");
        for (int i = 0; i < 152; i++) {
            assertEquals(0f, f[PROBES + i], "parameter " + i);
        }
        assertEquals(1f, f[PROBES + 152 + Activation.TANH.ordinal()]);
        assertEquals(0f, f[f.length - 1], "flag");
    }

    @Test
    void asinhIsOddAndFinite() {
        for (double v : new double[] {0, 1e-9, 0.5, 1, 3, 1e7, 1e8, 1.0000001e8, 1e20, 3e38, Double.MAX_VALUE}) {
            double y = DecoderFeatures.asinh(v);
            assertTrue(Double.isFinite(y), "asinh(" + v + ") = " + y);
            assertEquals(-y, DecoderFeatures.asinh(-v), 0.0, "odd at " + v);
        }
        assertEquals(0.881373587019543, DecoderFeatures.asinh(1), 1e-12);
        assertEquals(Math.log(2e20), DecoderFeatures.asinh(1e20), 1e-9);
        // continuous across the switch to the large-argument form
        assertEquals(DecoderFeatures.asinh(0.99999999e8), DecoderFeatures.asinh(1.00000001e8), 1e-6);
        // infinity (from a canonical form that overflowed float) reads as the largest float
        assertEquals(DecoderFeatures.asinh(Float.MAX_VALUE), DecoderFeatures.asinh(Double.POSITIVE_INFINITY));
        assertEquals(-DecoderFeatures.asinh(Float.MAX_VALUE), DecoderFeatures.asinh(Double.NEGATIVE_INFINITY));
        assertEquals(Math.log(2.0 * Float.MAX_VALUE), DecoderFeatures.asinh(Float.MAX_VALUE), 1e-12);
        assertEquals(0.0, DecoderFeatures.asinh(Double.NaN));
        assertEquals(-0.0, DecoderFeatures.asinh(-0.0));
    }

    /** ReLU 1e20 overflows float in the canonical form's rescaled outgoing weights (1e20, 1e40, 1e60, 1e81). */
    @Test
    void hugeWeightsGiveFiniteFeatures() {
        for (Activation activation : Activation.values()) {
            for (float value : new float[] {1e20f, 3e38f}) {
                Network n = filled(activation, value, 40 + activation.ordinal());
                float[] f = DecoderFeatures.of(n, PROBES);
                assertAllFinite(f);
                for (int i = PROBES; i < PROBES + 152; i++) {
                    assertTrue(Math.abs(f[i]) <= DecoderFeatures.asinh(Float.MAX_VALUE) + 1e-3, "parameter " + f[i]);
                }
                for (int k = 0; k < PROBES; k++) {
                    assertTrue(Math.abs(f[k]) <= 1e3f, "probe " + k + " = " + f[k]);
                }
                // sigmoid and softplus canonical forms only permute, so the parameter block of the negated
                // network holds the negated values of this one's (asinh is odd), in another order
                float[] neg = n.parameters().clone();
                for (int i = 0; i < neg.length; i++) {
                    neg[i] = -neg[i];
                }
                float[] g = DecoderFeatures.of(new Network(DEFAULT, activation, neg), PROBES);
                assertAllFinite(g);
                float[] block = Arrays.copyOfRange(f, PROBES, PROBES + 152);
                float[] negBlock = Arrays.copyOfRange(g, PROBES, PROBES + 152);
                for (int i = 0; i < negBlock.length; i++) {
                    negBlock[i] = -negBlock[i];
                }
                if (activation == Activation.SIGMOID || activation == Activation.SOFTPLUS) {
                    Arrays.sort(block);
                    Arrays.sort(negBlock);
                    assertEquals(Arrays.toString(block), Arrays.toString(negBlock), activation + " " + value);
                }
            }
        }
    }

    @Test
    void overflowingOutputsNeverGiveNaN() {
        for (Activation activation : Activation.values()) {
            for (float value : new float[] {1e30f, 1e38f, -1e30f}) {
                Network n = filled(activation, value, 60 + activation.ordinal());
                boolean overflowed = false;
                for (int k = 0; k < PROBES; k++) {
                    double y = n.evaluate(DecoderFeatures.probeX(k, PROBES));
                    overflowed |= !Double.isFinite(y) || Math.abs(y / 5) > 1e3;
                }
                assertTrue(overflowed, "the test network did not overflow: " + activation + " " + value);
                float[] f = DecoderFeatures.of(n, PROBES);
                assertAllFinite(f);
                for (int k = 0; k < PROBES; k++) {
                    double y = n.evaluate(DecoderFeatures.probeX(k, PROBES)) / 5;
                    float expected = Double.isFinite(y) ? (float) Math.max(-1e3, Math.min(1e3, y)) : 0f;
                    assertEquals(expected, f[k], "probe " + k);
                }
            }
        }
        // a network whose output is NaN at every probe: the last layer adds +inf and -inf
        NetworkLayout deep = new NetworkLayout(1, 64, 64, 64, 64, 64, 64, 64, 1);
        float[] p = new float[deep.parameterCount()];
        for (int o = 0; o < 64; o++) {
            p[deep.biasIndex(0, o)] = 3e38f;
            for (int k = 1; k < 7; k++) {
                for (int i = 0; i < 64; i++) {
                    p[deep.weightIndex(k, o, i)] = 3e38f;
                }
            }
            p[deep.weightIndex(7, 0, o)] = o % 2 == 0 ? 3e38f : -3e38f;
        }
        Network nan = new Network(deep, Activation.RELU, p);
        assertTrue(Double.isNaN(nan.evaluate(0.3)));
        float[] f = DecoderFeatures.of(nan, PROBES);
        assertAllFinite(f);
        for (int k = 0; k < PROBES; k++) {
            assertEquals(0f, f[k]);
        }
    }
}

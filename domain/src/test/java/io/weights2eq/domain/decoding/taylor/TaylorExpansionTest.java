package io.weights2eq.domain.decoding.taylor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaylorExpansionTest {

    static double evaluate(double[] c, double x) {
        double y = 0;
        for (int d = c.length - 1; d >= 0; d--) {
            y = y * x + c[d];
        }
        return y;
    }

    static double maxError(Network network, double[] c) {
        double max = 0;
        for (int g = 0; g <= 200; g++) {
            double x = -1 + g / 100.0;
            max = Math.max(max, Math.abs(evaluate(c, x) - network.evaluate(x)));
        }
        return max;
    }

    /** The default layout with every parameter uniform in [-amplitude, amplitude]. */
    static Network random(Activation activation, long seed, double amplitude) {
        NetworkLayout layout = NetworkLayout.DEFAULT;
        DeterministicRandom random = DeterministicRandom.ofSeed(seed);
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((2 * random.nextDouble() - 1) * amplitude);
        }
        return new Network(layout, activation, p);
    }

    static Network scaled(Network network, double factor) {
        float[] p = network.parameters().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (p[i] * factor);
        }
        return new Network(network.layout(), network.activation(), p);
    }

    /** y = 2·tanh(0.01x + 0.005) − 0.5: weights [w; v], biases [b; c]. */
    @Test
    void tinyOneNeuronNetworkMatchesItsFunction() {
        Network net = new Network(new NetworkLayout(1, 1, 1), Activation.TANH, new float[] {0.01f, 2f, 0.005f, -0.5f});
        double[] c = TaylorExpansion.coefficients(net, 5, 15, 0);
        assertEquals(6, c.length);
        assertTrue(maxError(net, c) < 1e-10, "max error " + maxError(net, c));
        // b = 0: the coefficients are v·w^n·a_n, exactly tanh's series scaled
        Network odd = new Network(new NetworkLayout(1, 1, 1), Activation.TANH, new float[] {0.5f, 2f, 0f, 0f});
        assertArrayEquals(
                new double[] {0, 1, 0, -2 * 0.125 / 3, 0, 2 * 0.03125 * 2 / 15},
                TaylorExpansion.coefficients(odd, 5, 9, 0),
                1e-15);
    }

    /** Small weights and a high order: the expansion is the network's own Taylor polynomial at x = 0. */
    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"TANH", "SIGMOID", "SOFTPLUS"})
    void lowCoefficientsAreTheNetworksDerivativesAtZero(Activation activation) {
        Network net = random(activation, 11, 0.3);
        double[] c = TaylorExpansion.coefficients(net, 5, 30, 0);
        double h = 1e-3;
        double f0 = net.evaluate(0);
        double fp = net.evaluate(h);
        double fm = net.evaluate(-h);
        assertEquals(f0, c[0], 1e-12);
        assertEquals((fp - fm) / (2 * h), c[1], 1e-7);
        assertEquals((fp - 2 * f0 + fm) / (h * h) / 2, c[2], 1e-5);
        // another centre inside the radius converges to the same polynomial
        assertArrayEquals(c, TaylorExpansion.coefficients(net, 5, 40, 0.3), 1e-9);
    }

    /**
     * Default 1-8-7-8-1 with |w| ≤ 0.3: the degree-2 and degree-5 expansions track the network on [-1, 1], and
     * the error (the dropped powers of x, whose coefficients are products of ≥ 6 weights) shrinks fast as the
     * weights shrink. Measured max errors at ×1: degree 2 ≤ 3.4e-4, degree 5 ≤ 2.4e-6; each halving divides
     * them by 32–1000.
     */
    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"TANH", "SIGMOID", "SOFTPLUS"})
    void errorShrinksWithTheWeights(Activation activation) {
        for (long seed = 1; seed <= 5; seed++) {
            Network net = random(activation, seed, 0.3);
            double previous2 = 1e-3 * 8;
            double previous5 = 1e-5 * 8;
            for (double factor : new double[] {1, 0.5, 0.25}) {
                Network small = scaled(net, factor);
                double e2 = maxError(small, TaylorExpansion.coefficients(small, 2, 15, 0));
                double e5 = maxError(small, TaylorExpansion.coefficients(small, 5, 15, 0));
                String where = activation + " seed " + seed + " ×" + factor + ": " + e2 + ", " + e5;
                assertTrue(e5 < e2, where);
                assertTrue(e2 < previous2 / 8 && e5 < previous5 / 8, where);
                previous2 = e2;
                previous5 = e5;
            }
        }
    }

    @Test
    void rejectsReluAndNonScalarLayouts() {
        Network relu = random(Activation.RELU, 1, 0.3);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TaylorExpansion.coefficients(relu, 2, 5, 0));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
        Network wide = new Network(new NetworkLayout(2, 3, 1), Activation.TANH, new float[13]);
        assertThrows(IllegalArgumentException.class, () -> TaylorExpansion.coefficients(wide, 2, 5, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> TaylorExpansion.coefficients(random(Activation.TANH, 1, 0.3), -1, 5, 0));
    }

    @Test
    void degreeZeroIsTheConstantTerm() {
        Network net = random(Activation.TANH, 3, 0.1);
        double[] c = TaylorExpansion.coefficients(net, 0, 20, 0);
        assertEquals(1, c.length);
        assertEquals(net.evaluate(0), c[0], 1e-12);
    }
}

package io.weights2eq.domain.decoding.analytic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import org.junit.jupiter.api.Test;

class PiecewiseLinearTest {

    @Test
    void absoluteValueHasOneKinkAtZero() {
        for (Network net : new Network[] {Networks.absolute(), Networks.absoluteDefaultLayout()}) {
            PiecewiseLinear pl = PiecewiseLinear.of(net, -1, 1);
            assertArrayEquals(new double[] {0}, pl.breakpoints());
            assertEquals(2, pl.pieces());
            assertEquals(-1, pl.slope(0));
            assertEquals(1, pl.slope(1));
            assertEquals(0, pl.intercept(0));
            assertEquals(0, pl.intercept(1));
            assertEquals(-1, pl.pieceStart(0));
            assertEquals(0, pl.pieceEnd(0));
            assertEquals(1, pl.pieceEnd(1));
        }
    }

    @Test
    void hingeKinksAtItsFloatShift() {
        PiecewiseLinear pl = PiecewiseLinear.of(Networks.hinge(0.3), -1, 1);
        assertArrayEquals(new double[] {(double) 0.3f}, pl.breakpoints());
        assertEquals(0, pl.slope(0));
        assertEquals(1, pl.slope(1));
        assertEquals(-(double) 0.3f, pl.intercept(1));
        // Outside [a, b] the kink is not reported.
        assertEquals(0, PiecewiseLinear.of(Networks.hinge(0.3), 0.5, 2).breakpoints().length);
    }

    @Test
    void piecesThatComeOutEqualAreMerged() {
        PiecewiseLinear pl = PiecewiseLinear.of(Networks.identity(), -1, 1);
        assertEquals(0, pl.breakpoints().length);
        assertEquals(1, pl.slope(0));
        assertEquals(0, pl.intercept(0));
    }

    @Test
    void interpolantKinksAtEveryInteriorKnot() {
        PiecewiseLinear pl = PiecewiseLinear.of(Networks.interpolant(x -> 2.3 * x * x - 1.2 * x + 0.5), -1, 1);
        double[] kinks = pl.breakpoints();
        assertEquals(63, kinks.length);
        for (int j = 1; j < 64; j++) {
            assertEquals(-1 + j / 32.0, kinks[j - 1], 0);
        }
    }

    @Test
    void matchesTheNetworkOnRandomNetworksOfEveryShape() {
        NetworkLayout[] layouts = {
            NetworkLayout.DEFAULT,
            new NetworkLayout(1, 64, 64, 1),
            new NetworkLayout(1, 3, 3, 3, 3, 3, 3, 3, 1),
            new NetworkLayout(1, 5, 1)
        };
        double[][] intervals = {{-1, 1}, {-3, 0.5}};
        for (NetworkLayout layout : layouts) {
            for (long seed = 1; seed <= 5; seed++) {
                Network net = Networks.random(layout, Activation.RELU, seed, 1.0);
                for (double[] ab : intervals) {
                    check(net, ab[0], ab[1]);
                }
            }
        }
    }

    private static void check(Network net, double a, double b) {
        PiecewiseLinear pl = PiecewiseLinear.of(net, a, b);
        double[] kinks = pl.breakpoints();
        assertEquals(kinks.length + 1, pl.pieces());
        double scale = 1;
        for (int i = 0; i <= 10_000; i++) {
            scale = Math.max(scale, Math.abs(net.evaluate(a + (b - a) * i / 10_000)));
        }
        for (int i = 0; i <= 10_000; i++) {
            double x = a + (b - a) * i / 10_000;
            assertEquals(net.evaluate(x), pl.evaluate(x), 1e-9 * scale, () -> "x = " + x);
        }
        for (int i = 0; i < kinks.length; i++) {
            assertTrue(kinks[i] > a && kinks[i] < b && (i == 0 || kinks[i] > kinks[i - 1]));
            // Continuous at the kink: both neighbouring pieces give the network's value there.
            double f = net.evaluate(kinks[i]);
            assertEquals(f, pl.slope(i) * kinks[i] + pl.intercept(i), 1e-9 * scale);
            assertEquals(f, pl.slope(i + 1) * kinks[i] + pl.intercept(i + 1), 1e-9 * scale);
            double eps = 1e-7 * (b - a);
            double left = Math.max(a, kinks[i] - eps);
            double right = Math.min(b, kinks[i] + eps);
            assertEquals(net.evaluate(left), pl.evaluate(left), 1e-9 * scale);
            assertEquals(net.evaluate(right), pl.evaluate(right), 1e-9 * scale);
        }
    }

    @Test
    void rejectsWhatItCannotDescribe() {
        Network tanh = Networks.random(NetworkLayout.DEFAULT, Activation.TANH, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinear.of(tanh, -1, 1));
        Network twoOut = new Network(new NetworkLayout(1, 2, 2), Activation.RELU, new float[10]);
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinear.of(twoOut, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinear.of(Networks.absolute(), 1, -1));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinear.of(Networks.absolute(), 0, Double.NaN));
        assertThrows(
                IllegalArgumentException.class,
                () -> PiecewiseLinear.of(Networks.absolute(), -1, 1).evaluate(2));
    }
}

package io.weights2eq.domain.decoding.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import org.junit.jupiter.api.Test;

class FunctionFitTest {

    @Test
    void identityNetworkFitsXPerfectly() {
        FunctionFit fit = FunctionFit.of(Polynomial.parse("1*x"), Networks.identity(), -1, 1);
        assertEquals(1, fit.rSquared(), 1e-12);
        assertEquals(0, fit.maxAbsError(), 1e-12);
    }

    /**
     * |x| against its projection 3/16 + 15/16·x²: residual ∫|x|² − ∫p² = 2/3 − 21/32 = 1/96, variance about ½ is
     * 1/6, so R² = 15/16; the largest error is 3/16 at the kink x = 0.
     */
    @Test
    void absoluteValueAgainstItsProjection() {
        FunctionFit fit = FunctionFit.of(Polynomial.parse("0.9375*x*x+0.1875"), Networks.absolute(), -1, 1);
        assertEquals(15.0 / 16, fit.rSquared(), 1e-12);
        assertEquals(3.0 / 16, fit.maxAbsError(), 1e-12);
    }

    /** A constant network is scored against a variance floor: exact match 1, anything else far below 0. */
    @Test
    void constantNetworksStillRankCandidates() {
        Network constant = Networks.constant(2.5);
        FunctionFit exact = FunctionFit.of(Polynomial.parse("2.5"), constant, -1, 1);
        assertEquals(1, exact.rSquared());
        assertEquals(0, exact.maxAbsError());
        FunctionFit near = FunctionFit.of(Polynomial.parse("2.6"), constant, -1, 1);
        FunctionFit far = FunctionFit.of(Polynomial.parse("3"), constant, -1, 1);
        assertTrue(near.rSquared() < -1e10 && far.rSquared() < near.rSquared());
        assertEquals(0.5, far.maxAbsError(), 1e-12);
    }

    /** A narrow tent between two grid points is seen through its breakpoints. */
    @Test
    void maxErrorIncludesBreakpointsBetweenGridPoints() {
        Network tent = new Networks.Builder(1, 3, 1)
                .w(0, 0, 0, 1)
                .w(0, 1, 0, 1)
                .w(0, 2, 0, 1)
                .b(0, 0, -0.10003)
                .b(0, 1, -0.10013)
                .b(0, 2, -0.10023)
                .w(1, 0, 0, 1)
                .w(1, 0, 1, -2)
                .w(1, 0, 2, 1)
                .build(Activation.RELU);
        double peak = tent.evaluate((double) 0.10013f);
        assertTrue(peak > 5e-5);
        assertEquals(0, tent.evaluate(0.1), 0);
        assertEquals(0, tent.evaluate(0.101), 0);
        assertEquals(peak, FunctionFit.of(Polynomial.zero(), tent, -1, 1).maxAbsError(), 1e-15);
    }

    /** R² by Simpson's rule on a fine grid agrees with the exact / Gauss–Legendre one. */
    @Test
    void matchesBruteForceForEveryActivation() {
        Polynomial candidate = Polynomial.parse("0.3*x*x-0.2*x+0.1");
        for (Activation activation : Activation.values()) {
            Network net = Networks.random(NetworkLayout.DEFAULT, activation, 31, 1.0);
            double expected = bruteForceRSquared(candidate, net, -1, 1);
            assertEquals(
                    expected,
                    FunctionFit.of(candidate, net, -1, 1).rSquared(),
                    1e-7 * Math.max(1, Math.abs(expected)),
                    activation.label());
        }
    }

    private static double bruteForceRSquared(Polynomial p, Network net, double a, double b) {
        int intervals = 400_000;
        double h = (b - a) / intervals;
        double integral = 0;
        double squares = 0;
        double residual = 0;
        for (int i = 0; i <= intervals; i++) {
            double x = a + i * h;
            double w = ((i == 0 || i == intervals) ? 1 : (i % 2 == 1 ? 4 : 2)) * h / 3;
            double f = net.evaluate(x);
            integral += w * f;
            squares += w * f * f;
            residual += w * (f - p.evaluate(x)) * (f - p.evaluate(x));
        }
        double variance = squares - integral * integral / (b - a);
        return 1 - residual / variance;
    }
}

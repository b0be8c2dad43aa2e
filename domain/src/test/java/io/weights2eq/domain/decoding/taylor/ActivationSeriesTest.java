package io.weights2eq.domain.decoding.taylor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationSeriesTest {

    @Test
    void knownMaclaurinSeries() {
        assertArrayEquals(
                new double[] {0, 1, 0, -1.0 / 3, 0, 2.0 / 15, 0, -17.0 / 315},
                ActivationSeries.coefficients(Activation.TANH, 7, 0),
                1e-15);
        assertArrayEquals(
                new double[] {0.5, 0.25, 0, -1.0 / 48, 0, 1.0 / 480, 0, -17.0 / 80640},
                ActivationSeries.coefficients(Activation.SIGMOID, 7, 0),
                1e-15);
        assertArrayEquals(
                new double[] {Math.log(2), 0.5, 0.125, 0, -1.0 / 192, 0, 1.0 / 2880},
                ActivationSeries.coefficients(Activation.SOFTPLUS, 6, 0),
                1e-15);
    }

    /** Derivatives 1 to 3 by central differences around c = 0.7. */
    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"TANH", "SIGMOID", "SOFTPLUS"})
    void coefficientsAreScaledDerivatives(Activation activation) {
        double c = 0.7;
        double h = 1e-3;
        double[] a = ActivationSeries.coefficients(activation, 3, c);
        double m = activation.apply(c - h);
        double p = activation.apply(c + h);
        double m2 = activation.apply(c - 2 * h);
        double p2 = activation.apply(c + 2 * h);
        assertEquals(activation.apply(c), a[0], 1e-15);
        assertEquals((p - m) / (2 * h), a[1], 1e-6);
        assertEquals((p - 2 * activation.apply(c) + m) / (h * h) / 2, a[2], 1e-5);
        assertEquals((p2 - 2 * p + 2 * m - m2) / (2 * h * h * h) / 6, a[3], 1e-4);
    }

    /** Inside the radius of convergence the series sums to the function, also at order 30 (the recurrence is stable). */
    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"TANH", "SIGMOID", "SOFTPLUS"})
    void seriesSumsToTheFunctionInsideItsRadius(Activation activation) {
        for (double c : new double[] {-2, 0, 0.5, 3}) {
            double[] a = ActivationSeries.coefficients(activation, 30, c);
            for (double h : new double[] {-0.3, 0.1, 0.4}) {
                double sum = 0;
                for (int n = a.length - 1; n >= 0; n--) {
                    sum = sum * h + a[n];
                }
                assertEquals(activation.apply(c + h), sum, 1e-12, activation + " at " + c + "+" + h);
            }
        }
    }

    /** Outside tanh's radius π/2 around 0 the partial sums grow instead of converging. */
    @Test
    void tanhSeriesDivergesBeyondHalfPi() {
        double[] a = ActivationSeries.coefficients(Activation.TANH, 61, 0);
        double at20 = 0;
        double at60 = 0;
        for (int n = 0; n <= 61; n++) {
            double term = a[n] * Math.pow(1.8, n);
            at60 += term;
            if (n <= 21) {
                at20 += term;
            }
        }
        assertTrue(Math.abs(at60 - Math.tanh(1.8)) > 10 * Math.abs(at20 - Math.tanh(1.8)), at20 + " " + at60);
        assertTrue(Math.abs(at60) > 100, "order 61 partial sum at 1.8: " + at60);
    }

    @Test
    void reluHasNoSeries() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ActivationSeries.coefficients(Activation.RELU, 3, 0));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
        assertFalse(ActivationSeries.supports(Activation.RELU));
        assertTrue(ActivationSeries.supports(Activation.TANH));
        assertThrows(IllegalArgumentException.class, () -> ActivationSeries.coefficients(Activation.TANH, -1, 0));
    }
}

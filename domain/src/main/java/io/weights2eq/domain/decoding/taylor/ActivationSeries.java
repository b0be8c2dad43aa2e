package io.weights2eq.domain.decoding.taylor;

import io.weights2eq.domain.network.Activation;

/**
 * Taylor coefficients of a smooth activation around a centre c: {@code g(z) ≈ Σ a[n] (z − c)^n}, n ≤ q.
 *
 * <p>Computed from the activations' differential equations as power-series recurrences (tanh' = 1 − tanh²,
 * σ' = σ(1 − σ), softplus' = σ), which yield a[n] = g⁽ⁿ⁾(c)/n! directly, stable in double for q up to ~30.
 * Radii of convergence around 0: π/2 for tanh, π for sigmoid and softplus (poles of tanh at ±iπ/2, of σ at
 * ±iπ); around c ≠ 0 the radius is the distance from c to the nearest pole.
 */
public final class ActivationSeries {
    private ActivationSeries() {}

    /**
     * The coefficients a[0..order] of {@code activation} expanded around {@code centre}.
     *
     * @throws IllegalArgumentException for ReLU (not differentiable at 0: no Taylor series) or order &lt; 0
     */
    public static double[] coefficients(Activation activation, int order, double centre) {
        if (order < 0) {
            throw new IllegalArgumentException("order must be >= 0, was " + order);
        }
        if (!Double.isFinite(centre)) {
            throw new IllegalArgumentException("centre must be finite, was " + centre);
        }
        return switch (activation) {
            case TANH -> tanh(order, centre);
            case SIGMOID -> sigmoid(order, centre);
            case SOFTPLUS -> softplus(order, centre);
            case RELU ->
                throw new IllegalArgumentException(
                        "activation " + activation.label() + " is not smooth: it has no Taylor expansion");
        };
    }

    /** Whether {@code activation} has a Taylor series (is smooth). */
    public static boolean supports(Activation activation) {
        return activation != Activation.RELU;
    }

    // y' = 1 − y²  ⇒  (n+1) a[n+1] = [n = 0] − Σ a[i] a[n−i]
    private static double[] tanh(int order, double c) {
        double[] a = new double[order + 1];
        a[0] = Math.tanh(c);
        for (int n = 0; n < order; n++) {
            a[n + 1] = ((n == 0 ? 1 : 0) - square(a, n)) / (n + 1);
        }
        return a;
    }

    // y' = y − y²  ⇒  (n+1) a[n+1] = a[n] − Σ a[i] a[n−i]
    private static double[] sigmoid(int order, double c) {
        double[] a = new double[order + 1];
        a[0] = c >= 0 ? 1 / (1 + Math.exp(-c)) : Math.exp(c) / (1 + Math.exp(c));
        for (int n = 0; n < order; n++) {
            a[n + 1] = (a[n] - square(a, n)) / (n + 1);
        }
        return a;
    }

    // softplus' = σ  ⇒  a[n+1] = s[n] / (n+1)
    private static double[] softplus(int order, double c) {
        double[] s = sigmoid(Math.max(order - 1, 0), c);
        double[] a = new double[order + 1];
        a[0] = Math.max(c, 0) + Math.log1p(Math.exp(-Math.abs(c)));
        for (int n = 0; n < order; n++) {
            a[n + 1] = s[n] / (n + 1);
        }
        return a;
    }

    /** Coefficient n of the square of the series a. */
    private static double square(double[] a, int n) {
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            sum += a[i] * a[n - i];
        }
        return sum;
    }
}

package io.weights2eq.domain.equation;

/** Pearson's chi-square goodness-of-fit, with critical values from the Wilson–Hilferty approximation. */
final class ChiSquare {

    /** z such that P(Z < z) = 0.99 for a standard normal Z. */
    static final double Z_99 = 2.3263478740408408;

    private ChiSquare() {}

    /** Σ (observed - expected)² / expected with expected = n * probability. */
    static double statistic(long[] observed, double[] probabilities) {
        long n = 0;
        for (long o : observed) {
            n += o;
        }
        double chi = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = n * probabilities[i];
            double d = observed[i] - expected;
            chi += d * d / expected;
        }
        return chi;
    }

    /**
     * Upper 1 % point of the chi-square distribution with {@code df} degrees of freedom: Wilson and Hilferty (1931)
     * showed that (X/df)^(1/3) is close to normal with mean 1 - 2/(9 df) and variance 2/(9 df).
     */
    static double criticalValue99(int df) {
        double v = 2.0 / (9.0 * df);
        double cube = 1 - v + Z_99 * Math.sqrt(v);
        return df * cube * cube * cube;
    }
}

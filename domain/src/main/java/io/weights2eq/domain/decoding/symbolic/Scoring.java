package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.decoding.analytic.FunctionFit;

/**
 * A candidate against the function on the verification grid: R² (a constant function's variance floored as in
 * {@link FunctionFit}), the largest absolute error and the relative RMS error (RMS of the error over RMS of the
 * function).
 */
public final class Scoring {
    private Scoring() {}

    /** {@code offsetShare}: the part of the unexplained variance that a constant offset explains. */
    public record Score(FunctionFit fit, double relativeRmsError, double offsetShare) {
        double unexplained() {
            return 1 - fit.rSquared();
        }
    }

    /** The candidate's values against the target's, point by point (the evaluation scores against a truth so). */
    public static Score of(double[] target, double[] candidate) {
        int n = target.length;
        double mean = 0;
        for (double v : target) {
            mean += v;
        }
        mean /= n;
        double total = 0;
        double residual = 0;
        double squares = 0;
        double maxError = 0;
        double offset = 0;
        for (int i = 0; i < n; i++) {
            double e = target[i] - candidate[i];
            offset += e;
            if (!Double.isFinite(e)) {
                return new Score(
                        new FunctionFit(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
                        Double.POSITIVE_INFINITY,
                        0);
            }
            total += (target[i] - mean) * (target[i] - mean);
            residual += e * e;
            squares += target[i] * target[i];
            maxError = Math.max(maxError, Math.abs(e));
        }
        double floor = 1e-20 * n * Math.max(1, mean * mean);
        double r2 = 1 - residual / Math.max(total, floor);
        offset /= n;
        return new Score(
                new FunctionFit(r2, maxError),
                Math.sqrt(residual / Math.max(squares, 1e-300)),
                n * offset * offset / Math.max(total, floor));
    }

    /** 1 − R² of a fit on the fitting grid (the same floor). */
    static double unexplained(double[] target, double[] candidate) {
        return of(target, candidate).unexplained();
    }
}

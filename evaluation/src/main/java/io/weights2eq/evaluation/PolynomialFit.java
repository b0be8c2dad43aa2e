package io.weights2eq.evaluation;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.training.Fit;
import java.math.BigDecimal;

/** Per-example figures of an evaluation that {@code DecodingMetrics} only reports pooled. */
public final class PolynomialFit {
    /** {@code DecodingMetrics}' R² grid: 201 evenly spaced x in [-1, 1]. */
    static final int R_SQUARED_POINTS = 201;
    /** The grid on which a network trained elsewhere is compared with its truth. */
    static final int MATCH_POINTS = 1001;

    private PolynomialFit() {}

    /**
     * 1 − SSE/SST of {@code predicted} against {@code truth} at 201 evenly spaced x in [−1, 1], exactly as
     * {@code DecodingMetrics} computes it (when SST is 0: 1 if SSE is 0, else 0); a null prediction (unparsable)
     * counts as the zero polynomial, as there.
     */
    public static double rSquared(Polynomial truth, Polynomial predicted) {
        Polynomial p = predicted == null ? Polynomial.zero() : predicted;
        double[] y = new double[R_SQUARED_POINTS];
        double mean = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = truth.evaluate(x(i, R_SQUARED_POINTS));
            mean += y[i];
        }
        mean /= y.length;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - p.evaluate(x(i, R_SQUARED_POINTS));
            sse += e * e;
            sst += (y[i] - mean) * (y[i] - mean);
        }
        if (sst == 0) {
            return sse == 0 ? 1 : 0;
        }
        return 1 - sse / sst;
    }

    /**
     * The network's MSE against {@code truth} on 1,001 evenly spaced x in [−1, 1] relative to the truth's variance
     * there ({@link Fit#relative}: the variance floored at {@link Fit#MIN_VARIANCE}), the figure the trainer's quality
     * gate computes on its validation samples.
     */
    public static double relativeMse(Network network, Polynomial truth) {
        float[] x = new float[MATCH_POINTS];
        float[] y = new float[MATCH_POINTS];
        for (int i = 0; i < MATCH_POINTS; i++) {
            x[i] = (float) x(i, MATCH_POINTS);
            y[i] = (float) truth.evaluate(x[i]);
        }
        return Fit.relative(Fit.mse(network, x, y, 0, MATCH_POINTS), Fit.variance(y, 0, MATCH_POINTS));
    }

    /** Whether a network trained elsewhere meets the trainer's quality target against its truth on [−1, 1]. */
    public static boolean networkMatches(Network network, Polynomial truth, double targetRelativeMse) {
        return relativeMse(network, truth) <= targetRelativeMse;
    }

    /**
     * The kind of an equation's coefficients by the most decimals among them: none → whole, up to the family's
     * {@code decimalDigits} → decimal, more → fraction.
     */
    public static String coefficientKind(Polynomial truth, EquationFamily family) {
        int decimals = 0;
        for (BigDecimal c : truth.ascendingCoefficients(1)) {
            if (c.signum() != 0) {
                decimals = Math.max(decimals, Math.max(0, c.stripTrailingZeros().scale()));
            }
        }
        if (decimals == 0) {
            return "whole";
        }
        return decimals <= family.decimalDigits() ? "decimal" : "fraction";
    }

    static double x(int i, int points) {
        return -1 + 2.0 * i / (points - 1);
    }
}

package io.weights2eq.domain.training;

import io.weights2eq.domain.network.Network;

/** Mean squared error of a network on samples, accumulated in double precision. */
public final class Fit {
    /**
     * Floor of the variance in the relative MSE: a constant equation has Var(y) = 0, and is then held
     * to an absolute MSE of target × 0.01.
     */
    public static final double MIN_VARIANCE = 1e-2;

    private Fit() {}

    /** Over samples [from, to); x is sample-major with {@code network.inputs()} values per sample. */
    public static double mse(Network network, float[] x, float[] y, int from, int to) {
        int inputs = network.inputs();
        double[] point = new double[inputs];
        double sum = 0;
        for (int i = from; i < to; i++) {
            for (int j = 0; j < inputs; j++) {
                point[j] = x[i * inputs + j];
            }
            double e = network.evaluate(point) - y[i];
            sum += e * e;
        }
        return sum / (to - from);
    }

    public static double variance(float[] y, int from, int to) {
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += y[i];
        }
        mean /= (to - from);
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = y[i] - mean;
            sum += d * d;
        }
        return sum / (to - from);
    }

    public static double relative(double mse, double variance) {
        return mse / Math.max(variance, MIN_VARIANCE);
    }
}

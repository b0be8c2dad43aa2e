package io.weights2eq.domain.decoding.analytic;

/**
 * Gauss–Legendre rules on [-1, 1]: {@code n} nodes integrate every polynomial of degree ≤ 2n − 1 exactly, which
 * is what makes the ReLU integrals of this package exact piece by piece and the smooth ones converge fast.
 */
final class GaussLegendre {

    private GaussLegendre() {}

    /**
     * Nodes (ascending) and weights of the {@code n}-point rule, by Newton's method on P_n from the
     * Chebyshev-like initial guesses; accurate to a few ulps.
     *
     * @return {@code {nodes, weights}}
     */
    static double[][] rule(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("n must be between 1 and 256, was " + n);
        }
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] pd = legendreAndDerivative(n, x);
                double step = pd[0] / pd[1];
                x -= step;
                if (Math.abs(step) < 1e-15) {
                    break;
                }
            }
            double derivative = legendreAndDerivative(n, x)[1];
            double w = 2 / ((1 - x * x) * derivative * derivative);
            nodes[n - 1 - i] = x;
            nodes[i] = -x;
            weights[i] = w;
            weights[n - 1 - i] = w;
        }
        if (n % 2 == 1) {
            nodes[n / 2] = 0; // exact centre node
        }
        return new double[][] {nodes, weights};
    }

    /** P_n(x) and P_n'(x) by the three-term recurrence (|x| < 1). */
    private static double[] legendreAndDerivative(int n, double x) {
        double previous = 1;
        double current = x;
        for (int k = 2; k <= n; k++) {
            double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
            previous = current;
            current = next;
        }
        return new double[] {current, n * (x * current - previous) / (x * x - 1)};
    }
}

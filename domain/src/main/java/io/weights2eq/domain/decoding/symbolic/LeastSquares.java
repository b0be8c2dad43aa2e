package io.weights2eq.domain.decoding.symbolic;

/** Small dense least-squares solves (normal equations by Cholesky with a tiny ridge for near-collinear columns). */
final class LeastSquares {
    private LeastSquares() {}

    /** Solves {@code (G + ridge·diag(G)) x = b} for a symmetric positive semi-definite G; null when singular. */
    static double[] solve(double[][] g, double[] b) {
        int k = b.length;
        double[][] l = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = g[i][j] + (i == j ? 1e-12 * Math.max(g[i][i], 1e-300) : 0);
                for (int m = 0; m < j; m++) {
                    s -= l[i][m] * l[j][m];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int m = 0; m < i; m++) {
                s -= l[i][m] * y[m];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = y[i];
            for (int m = i + 1; m < k; m++) {
                s -= l[m][i] * x[m];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** The least-squares coefficients of {@code columns} (each a full column) for {@code y}; null when singular. */
    static double[] fit(double[][] columns, double[] y) {
        int k = columns.length;
        double[][] g = new double[k][k];
        double[] b = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                g[i][j] = dot(columns[i], columns[j]);
                g[j][i] = g[i][j];
            }
            b[i] = dot(columns[i], y);
        }
        return solve(g, b);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

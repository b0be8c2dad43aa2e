package io.weights2eq.domain.decoding.analytic;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.Network;
import java.util.Arrays;

/**
 * The least-squares (L²) polynomial of a given degree closest to a network's function on [a, b]: the equation a
 * network "means" on its input range, whatever it does elsewhere.
 *
 * <p>Computed in the orthonormal shifted-Legendre basis {@code u_k(x) = √((2k+1)/(b−a))·P_k(t)},
 * {@code t = (2x − a − b)/(b − a)}, where the projection is simply {@code c_k = ∫ f·u_k} — no (ill-conditioned)
 * normal equations. The integrals come from {@link Quadrature}: exact piece by piece for ReLU networks, composite
 * Gauss–Legendre for smooth ones. The result is converted to monomials in {@code x} at the end.
 */
public final class Projection {
    /** Highest degree accepted: beyond it the monomial form itself is too ill-conditioned to be useful. */
    public static final int MAX_DEGREE = 16;

    private Projection() {}

    /**
     * The L² projection of {@code network}'s function on [a, b] onto polynomials of degree ≤ {@code degree}.
     *
     * @return monomial coefficients in ascending powers, {@code degree + 1} of them
     * @throws IllegalArgumentException for a network without scalar input and output, a bad interval or degree
     */
    public static double[] coefficients(Network network, int degree, double a, double b) {
        requireDegree(degree);
        return coefficients(Quadrature.of(network, a, b, degree + 1), degree, a, b);
    }

    /**
     * The least-squares polynomial of {@code family}'s degree closest to {@code network} on [a, b] under the
     * family's constraint: for a {@link EquationFamily#monic() monic} family the leading coefficient is 1 and only
     * the lower ones are fitted, to {@code f − x^degree}; otherwise the plain projection. Every decoder that
     * projects onto a family goes through here.
     */
    public static double[] coefficients(Network network, EquationFamily family, double a, double b) {
        // exact for (f − x^degree)·P_k on every ReLU piece, k < degree
        return coefficients(Quadrature.of(network, a, b, 2 * Math.max(family.degree(), 1)), family, a, b);
    }

    /** {@link #coefficients(Network, EquationFamily, double, double)} from an already sampled network. */
    static double[] coefficients(Quadrature quadrature, EquationFamily family, double a, double b) {
        int degree = family.degree();
        if (!family.monic()) {
            return coefficients(quadrature, degree, a, b);
        }
        double[] c = Arrays.copyOf(coefficients(quadrature.minusPower(degree), degree - 1, a, b), degree + 1);
        c[degree] = 1;
        return c;
    }

    /** The projection from an already sampled network; {@code quadrature} must be exact to degree + 1. */
    static double[] coefficients(Quadrature quadrature, int degree, double a, double b) {
        requireDegree(degree);
        double[] c = new double[degree + 1];
        double[] legendre = new double[degree + 1];
        for (int i = 0; i < quadrature.nodes.length; i++) {
            legendreValues((2 * quadrature.nodes[i] - a - b) / (b - a), legendre);
            double wf = quadrature.weights[i] * quadrature.values[i];
            for (int k = 0; k <= degree; k++) {
                c[k] += wf * legendre[k];
            }
        }
        // Coefficients of Σ c_k·√((2k+1)/(b−a))·P_k(t) in powers of t.
        double[][] table = legendreMonomials(degree);
        double[] inT = new double[degree + 1];
        for (int k = 0; k <= degree; k++) {
            double scale = (2 * k + 1) / (b - a); // one √ from the basis, one from the integral above
            for (int j = 0; j <= k; j++) {
                inT[j] += c[k] * scale * table[k][j];
            }
        }
        return substitute(inT, 2 / (b - a), -(a + b) / (b - a));
    }

    private static void requireDegree(int degree) {
        if (degree < 0 || degree > MAX_DEGREE) {
            throw new IllegalArgumentException("degree must be between 0 and " + MAX_DEGREE + ", was " + degree);
        }
    }

    /** P_0(t) … P_n(t) by the three-term recurrence into {@code out}. */
    static void legendreValues(double t, double[] out) {
        out[0] = 1;
        if (out.length > 1) {
            out[1] = t;
        }
        for (int k = 1; k + 1 < out.length; k++) {
            out[k + 1] = ((2 * k + 1) * t * out[k] - k * out[k - 1]) / (k + 1);
        }
    }

    /** Row k: the monomial coefficients of P_k(t), ascending. */
    private static double[][] legendreMonomials(int degree) {
        double[][] table = new double[degree + 1][degree + 1];
        table[0][0] = 1;
        if (degree >= 1) {
            table[1][1] = 1;
        }
        for (int k = 1; k < degree; k++) {
            for (int j = 0; j <= k + 1; j++) {
                double up = j > 0 ? (2 * k + 1) * table[k][j - 1] : 0;
                table[k + 1][j] = (up - k * table[k - 1][j]) / (k + 1);
            }
        }
        return table;
    }

    /** Coefficients in x of {@code Σ g_j·(α·x + β)^j}. */
    private static double[] substitute(double[] g, double alpha, double beta) {
        int n = g.length;
        double[] result = new double[n];
        double[][] binomial = new double[n][n];
        for (int j = 0; j < n; j++) {
            binomial[j][0] = 1;
            for (int m = 1; m <= j; m++) {
                binomial[j][m] = binomial[j - 1][m - 1] + (m < j ? binomial[j - 1][m] : 0);
            }
        }
        for (int j = 0; j < n; j++) {
            for (int m = 0; m <= j; m++) {
                result[m] += g[j] * binomial[j][m] * Math.pow(alpha, m) * Math.pow(beta, j - m);
            }
        }
        return result;
    }
}

package io.weights2eq.domain.decoding.analytic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    /** |x| = ½·P0 + ⅝·P2 + … on [-1, 1], so its quadratic projection is 3/16 + 15/16·x². */
    @Test
    void absoluteValueMatchesTheHandComputedProjection() {
        double[] expected = {3.0 / 16, 0, 15.0 / 16};
        assertArrayEquals(expected, Projection.coefficients(Networks.absolute(), 2, -1, 1), 1e-9);
        assertArrayEquals(expected, Projection.coefficients(Networks.absoluteDefaultLayout(), 2, -1, 1), 1e-9);
    }

    /** max(0, x − s): Legendre coefficients from the moments m_j = ∫_s^1 (x − s)·x^j dx. */
    @Test
    void hingeMatchesTheHandComputedProjection() {
        double s = 0.3f; // the network's float bias
        double[] m = new double[3];
        for (int j = 0; j < 3; j++) {
            m[j] = (1 - Math.pow(s, j + 2)) / (j + 2) - s * (1 - Math.pow(s, j + 1)) / (j + 1);
        }
        double a0 = m[0] / 2;
        double a1 = 1.5 * m[1];
        double a2 = 2.5 * (3 * m[2] - m[0]) / 2;
        double[] expected = {a0 - a2 / 2, a1, 1.5 * a2};
        assertArrayEquals(expected, Projection.coefficients(Networks.hinge(0.3), 2, -1, 1), 1e-9);
    }

    @Test
    void linearNetworksProjectOntoThemselves() {
        assertArrayEquals(new double[] {0, 1, 0}, Projection.coefficients(Networks.identity(), 2, -1, 1), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0}, Projection.coefficients(Networks.identity(), 4, 0.5, 3), 1e-9);
        assertArrayEquals(new double[] {2.5, 0}, Projection.coefficients(Networks.constant(2.5), 1, -1, 1), 1e-12);
        assertArrayEquals(new double[] {2.5}, Projection.coefficients(Networks.constant(2.5), 0, -2, 7), 1e-12);
    }

    /** Independent check: monomial moments by Simpson's rule on a fine grid, then the normal equations. */
    @Test
    void matchesBruteForceIntegrationForEveryActivation() {
        double[][] intervals = {{-1, 1}, {-0.5, 2}};
        for (Activation activation : Activation.values()) {
            for (long seed = 11; seed <= 13; seed++) {
                Network net = Networks.random(NetworkLayout.DEFAULT, activation, seed, 1.0);
                for (double[] ab : intervals) {
                    int degree = ab[0] == -1 ? 3 : 2;
                    double[] expected = bruteForce(net, degree, ab[0], ab[1]);
                    assertArrayEquals(
                            expected,
                            Projection.coefficients(net, degree, ab[0], ab[1]),
                            1e-7,
                            activation + " seed " + seed);
                }
            }
        }
    }

    /** Doubling the composite rule's panels changes the result by less than 1e-12 (relative for large values). */
    @Test
    void smoothQuadratureHasConverged() {
        for (Activation activation : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS}) {
            for (long seed = 21; seed <= 23; seed++) {
                Network net = Networks.random(NetworkLayout.DEFAULT, activation, seed, 1.0);
                assertPanelsConverged(net, 1e-12);
                assertArrayEquals(
                        Projection.coefficients(Quadrature.of(net, -1, 1, 5, 64), 4, -1, 1),
                        Projection.coefficients(net, 4, -1, 1),
                        0);
            }
        }
        // Larger weights: tanh and sigmoid still converge to 1e-12.
        assertPanelsConverged(Networks.random(NetworkLayout.DEFAULT, Activation.TANH, 22, 2.0), 1e-12);
        assertPanelsConverged(Networks.random(NetworkLayout.DEFAULT, Activation.SIGMOID, 22, 2.0), 1e-12);
        // Softplus pre-activations here pass PyTorch's threshold 20, where softplus steps by log1p(e^-20) ≈ 2e-9:
        // the network's own function is discontinuous there, which limits any quadrature to about 1e-11.
        assertPanelsConverged(Networks.random(NetworkLayout.DEFAULT, Activation.SOFTPLUS, 22, 2.0), 1e-10);
    }

    private static void assertPanelsConverged(Network net, double tolerance) {
        double[] p64 = Projection.coefficients(Quadrature.of(net, -1, 1, 5, 64), 4, -1, 1);
        double[] p128 = Projection.coefficients(Quadrature.of(net, -1, 1, 5, 128), 4, -1, 1);
        for (int k = 0; k < p64.length; k++) {
            assertEquals(p128[k], p64[k], tolerance * Math.max(1, Math.abs(p128[k])), net.activation() + " " + k);
        }
    }

    @Test
    void gaussLegendreRulesAreExactToDegreeTwoNMinusOne() {
        for (int n = 1; n <= 16; n++) {
            double[][] rule = GaussLegendre.rule(n);
            for (int power = 0; power <= 2 * n - 1; power++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += rule[1][i] * Math.pow(rule[0][i], power);
                }
                assertEquals(power % 2 == 0 ? 2.0 / (power + 1) : 0, sum, 1e-14, "n " + n + " power " + power);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Projection.coefficients(Networks.absolute(), -1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Projection.coefficients(Networks.absolute(), 17, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Projection.coefficients(Networks.absolute(), 2, 1, 1));
    }

    private static double[] bruteForce(Network net, int degree, double a, double b) {
        int n = degree + 1;
        // Kinks make Simpson's rule O(h²) for ReLU; smooth networks need far fewer points.
        int intervals = net.activation() == Activation.RELU ? 400_000 : 20_000;
        double h = (b - a) / intervals;
        double[] moments = new double[n];
        for (int i = 0; i <= intervals; i++) {
            double x = a + i * h;
            double weight = (i == 0 || i == intervals) ? 1 : (i % 2 == 1 ? 4 : 2);
            double f = net.evaluate(x) * weight * h / 3;
            double power = 1;
            for (int j = 0; j < n; j++) {
                moments[j] += f * power;
                power *= x;
            }
        }
        double[][] gram = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i + j + 1;
                gram[i][j] = (Math.pow(b, k) - Math.pow(a, k)) / k;
            }
            gram[i][n] = moments[i];
        }
        return solve(gram);
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix. */
    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = col + 1; r < n; r++) {
                double factor = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= factor * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = m[r][n];
            for (int c = r + 1; c < n; c++) {
                sum -= m[r][c] * x[c];
            }
            x[r] = sum / m[r][r];
        }
        return x;
    }
}

package io.weights2eq.domain.decoding.taylor;

import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.Arrays;

/**
 * nn2poly (Morala et al., 2021) for a scalar input: the polynomial a tanh/sigmoid/softplus network of any
 * depth computes, read off its weights.
 *
 * <p>Each neuron's pre-activation is a polynomial in x; the activation is replaced by its Taylor series of
 * order q around a centre c and composed with it; the result feeds the next layer; the linear output layer
 * sums. Every product is truncated at the target degree, as the method does: the coefficients up to that
 * degree are exact for the network whose activations are the order-q polynomials.
 *
 * <p>The error has two sources. (1) The activation's truncation: exact only while every pre-activation z
 * stays inside the series' radius of convergence around c (π/2 for tanh around 0, π for sigmoid and
 * softplus); a bias or weight that pushes |z − c| beyond it makes the terms grow with q instead of
 * shrinking, and the polynomial diverges from the network. Small weights (nn2poly's L1/L2 constraint on each
 * neuron's incoming weights) keep z inside it. (2) The degree's truncation: powers of x above the target
 * degree, which the network does compute, are dropped.
 */
public final class TaylorExpansion {
    private TaylorExpansion() {}

    /**
     * The coefficients c0..c_degree (ascending powers) of the network's polynomial.
     *
     * @param degree the target degree (≥ 0), the truncation of every intermediate polynomial
     * @param order  the order q (≥ 0) of each activation's Taylor series
     * @param centre the centre c of each activation's expansion (nn2poly uses 0)
     * @throws IllegalArgumentException for ReLU networks or a layout without scalar input and output
     */
    public static double[] coefficients(Network network, int degree, int order, double centre) {
        NetworkLayout layout = network.layout();
        if (layout.inputSize() != 1 || layout.outputSize() != 1) {
            throw new IllegalArgumentException("Taylor expansion needs one input and one output, was " + layout);
        }
        if (degree < 0) {
            throw new IllegalArgumentException("degree must be >= 0, was " + degree);
        }
        double[] series = ActivationSeries.coefficients(network.activation(), order, centre);
        float[] p = network.parameters();
        double[][] current = {new double[degree + 1]};
        if (degree >= 1) {
            current[0][1] = 1; // the input x
        }
        int layers = layout.linearLayers();
        for (int k = 0; k < layers; k++) {
            double[][] next = new double[layout.size(k + 1)][];
            for (int o = 0; o < next.length; o++) {
                double[] z = new double[degree + 1];
                z[0] = p[layout.biasIndex(k, o)];
                for (int i = 0; i < current.length; i++) {
                    double w = p[layout.weightIndex(k, o, i)];
                    for (int d = 0; d <= degree; d++) {
                        z[d] += w * current[i][d];
                    }
                }
                if (k < layers - 1) {
                    z[0] -= centre;
                    z = compose(series, z);
                }
                next[o] = z;
            }
            current = next;
        }
        return current[0];
    }

    /** Σ a[n] u^n truncated at u's degree, by Horner's rule. */
    static double[] compose(double[] a, double[] u) {
        int length = u.length;
        double[] r = new double[length];
        r[0] = a[a.length - 1];
        double[] t = new double[length];
        for (int n = a.length - 2; n >= 0; n--) {
            Arrays.fill(t, 0);
            for (int i = 0; i < length; i++) {
                if (r[i] == 0) {
                    continue;
                }
                for (int j = 0; i + j < length; j++) {
                    t[i + j] += r[i] * u[j];
                }
            }
            t[0] += a[n];
            double[] swap = r;
            r = t;
            t = swap;
        }
        return r;
    }
}

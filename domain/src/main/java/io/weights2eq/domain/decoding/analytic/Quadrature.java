package io.weights2eq.domain.decoding.analytic;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;

/**
 * A network's function sampled at quadrature nodes on [a, b], so that {@code ∫ g(x, f(x)) dx ≈ Σ w_i·g(x_i, f_i)}.
 * Shared by {@link Projection} and {@link FunctionFit} so both integrate the same way.
 *
 * <ul>
 *   <li>ReLU: Gauss–Legendre on every linear piece of {@link PiecewiseLinear} with enough nodes that every
 *   integrand which is a polynomial of degree ≤ {@code exactDegree} on each piece is integrated exactly (up to
 *   rounding), e.g. {@code f·P_k} with {@code exactDegree = k + 1}, or {@code (f − p)²} with {@code 2·deg p}.</li>
 *   <li>Smooth activations: composite Gauss–Legendre, {@link #PANELS} equal panels × {@link #NODES} nodes; the
 *   network is analytic, so the error falls far below float precision for the weights these networks have.</li>
 * </ul>
 */
final class Quadrature {
    static final int PANELS = 64;
    static final int NODES = 16;

    final double[] nodes;
    final double[] weights;
    /** The network's output at each node. */
    final double[] values;
    /** The ReLU pieces, null for smooth activations. */
    final PiecewiseLinear pieces;

    private Quadrature(double[] nodes, double[] weights, double[] values, PiecewiseLinear pieces) {
        this.nodes = nodes;
        this.weights = weights;
        this.values = values;
        this.pieces = pieces;
    }

    static Quadrature of(Network network, double a, double b, int exactDegree) {
        return of(network, a, b, exactDegree, PANELS);
    }

    /** As {@link #of(Network, double, double, int)} with {@code panels} panels for smooth activations (tests). */
    static Quadrature of(Network network, double a, double b, int exactDegree, int panels) {
        PiecewiseLinear.requireScalar(network);
        PiecewiseLinear.requireInterval(a, b);
        if (exactDegree < 0 || panels < 1) {
            throw new IllegalArgumentException("exactDegree >= 0 and panels >= 1, were " + exactDegree + ", " + panels);
        }
        if (network.activation() == Activation.RELU) {
            PiecewiseLinear pl = PiecewiseLinear.of(network, a, b);
            // n nodes are exact up to degree 2n − 1.
            double[][] rule = GaussLegendre.rule(exactDegree / 2 + 1);
            int n = rule[0].length;
            double[] x = new double[pl.pieces() * n];
            double[] w = new double[x.length];
            double[] f = new double[x.length];
            for (int piece = 0; piece < pl.pieces(); piece++) {
                double lo = pl.pieceStart(piece);
                double hi = pl.pieceEnd(piece);
                for (int i = 0; i < n; i++) {
                    int j = piece * n + i;
                    x[j] = mapped(rule[0][i], lo, hi);
                    w[j] = rule[1][i] * 0.5 * (hi - lo);
                    f[j] = pl.slope(piece) * x[j] + pl.intercept(piece);
                }
            }
            return new Quadrature(x, w, f, pl);
        }
        double[][] rule = GaussLegendre.rule(NODES);
        double width = (b - a) / panels;
        double[] x = new double[panels * NODES];
        double[] w = new double[x.length];
        double[] f = new double[x.length];
        for (int panel = 0; panel < panels; panel++) {
            double lo = a + panel * width;
            double hi = panel == panels - 1 ? b : a + (panel + 1) * width;
            for (int i = 0; i < NODES; i++) {
                int j = panel * NODES + i;
                x[j] = mapped(rule[0][i], lo, hi);
                w[j] = rule[1][i] * 0.5 * (hi - lo);
                f[j] = network.evaluate(x[j]);
            }
        }
        return new Quadrature(x, w, f, null);
    }

    /** The same nodes and weights with {@code x^power} subtracted from every value: a monic family's residual. */
    Quadrature minusPower(int power) {
        double[] residual = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            residual[i] = values[i] - Math.pow(nodes[i], power);
        }
        return new Quadrature(nodes, weights, residual, pieces);
    }

    private static double mapped(double t, double lo, double hi) {
        return 0.5 * (lo + hi) + 0.5 * (hi - lo) * t;
    }
}

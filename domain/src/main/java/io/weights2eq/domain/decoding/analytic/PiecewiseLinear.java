package io.weights2eq.domain.decoding.analytic;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The function of a scalar ReLU network on [a, b] as exact linear pieces. A ReLU network is piecewise linear
 * with kinks where some hidden pre-activation crosses zero; knowing the kinks lets integrals over the network be
 * computed exactly piece by piece instead of approximated by sampling.
 *
 * <p>Built by propagating affine functions layer by layer: on every current interval each neuron is
 * {@code m·x + q}; a hidden layer's pre-activations are split at their zero crossings inside the interval, and on
 * each sub-interval every neuron is either kept (positive at the sub-interval's midpoint) or zeroed. Adjacent pieces
 * whose slope and intercept came out exactly equal are merged, so a zero crossing that does not reach the output
 * (a dead downstream path) is usually not reported as a breakpoint.
 */
public final class PiecewiseLinear {

    /** Piece boundaries: {@code a}, the breakpoints, {@code b}. */
    private final double[] edges;

    private final double[] slopes;
    private final double[] intercepts;

    private PiecewiseLinear(double[] edges, double[] slopes, double[] intercepts) {
        this.edges = edges;
        this.slopes = slopes;
        this.intercepts = intercepts;
    }

    /**
     * The exact pieces of {@code network} on [a, b].
     *
     * @throws IllegalArgumentException unless the network is ReLU with one input and one output, and a < b finite
     */
    public static PiecewiseLinear of(Network network, double a, double b) {
        requireScalar(network);
        if (network.activation() != Activation.RELU) {
            throw new IllegalArgumentException("piecewise linear needs a ReLU network, was " + network.activation());
        }
        requireInterval(a, b);
        var layout = network.layout();
        float[] p = network.parameters();
        // Per interval: each current neuron's slope and intercept in x.
        List<double[]> bounds = new ArrayList<>(List.of(new double[] {a, b}));
        List<double[][]> affine = new ArrayList<>();
        affine.add(new double[][] {{1}, {0}});
        int layers = layout.linearLayers();
        for (int k = 0; k < layers; k++) {
            int outs = layout.size(k + 1);
            int ins = layout.size(k);
            List<double[]> nextBounds = new ArrayList<>();
            List<double[][]> nextAffine = new ArrayList<>();
            for (int piece = 0; piece < bounds.size(); piece++) {
                double[] m = affine.get(piece)[0];
                double[] q = affine.get(piece)[1];
                double[] zm = new double[outs];
                double[] zq = new double[outs];
                for (int o = 0; o < outs; o++) {
                    double sm = 0;
                    double sq = p[layout.biasIndex(k, o)];
                    for (int i = 0; i < ins; i++) {
                        double w = p[layout.weightIndex(k, o, i)];
                        sm += w * m[i];
                        sq += w * q[i];
                    }
                    zm[o] = sm;
                    zq[o] = sq;
                }
                double lo = bounds.get(piece)[0];
                double hi = bounds.get(piece)[1];
                if (k == layers - 1) {
                    nextBounds.add(new double[] {lo, hi});
                    nextAffine.add(new double[][] {zm, zq});
                    continue;
                }
                double[] cuts = crossings(zm, zq, lo, hi);
                for (int c = 0; c + 1 < cuts.length; c++) {
                    double mid = 0.5 * (cuts[c] + cuts[c + 1]);
                    double[] am = new double[outs];
                    double[] aq = new double[outs];
                    for (int o = 0; o < outs; o++) {
                        if (zm[o] * mid + zq[o] > 0) {
                            am[o] = zm[o];
                            aq[o] = zq[o];
                        }
                    }
                    nextBounds.add(new double[] {cuts[c], cuts[c + 1]});
                    nextAffine.add(new double[][] {am, aq});
                }
            }
            bounds = nextBounds;
            affine = nextAffine;
        }
        return merged(bounds, affine);
    }

    /** {@code lo}, the zero crossings of the neurons strictly inside (lo, hi) in ascending order, {@code hi}. */
    private static double[] crossings(double[] zm, double[] zq, double lo, double hi) {
        double[] cuts = new double[zm.length + 2];
        int n = 0;
        cuts[n++] = lo;
        for (int o = 0; o < zm.length; o++) {
            if (zm[o] != 0) {
                double x = -zq[o] / zm[o] + 0.0; // + 0.0 turns -0.0 into 0.0
                if (x > lo && x < hi) {
                    cuts[n++] = x;
                }
            }
        }
        cuts[n++] = hi;
        Arrays.sort(cuts, 0, n);
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            if (cuts[i] != cuts[distinct - 1]) {
                cuts[distinct++] = cuts[i];
            }
        }
        return Arrays.copyOf(cuts, distinct);
    }

    private static PiecewiseLinear merged(List<double[]> bounds, List<double[][]> affine) {
        List<Double> edges = new ArrayList<>();
        List<Double> slopes = new ArrayList<>();
        List<Double> intercepts = new ArrayList<>();
        edges.add(bounds.get(0)[0]);
        for (int i = 0; i < bounds.size(); i++) {
            double m = affine.get(i)[0][0];
            double q = affine.get(i)[1][0];
            int last = slopes.size() - 1;
            if (last >= 0 && slopes.get(last) == m && intercepts.get(last) == q) {
                edges.set(edges.size() - 1, bounds.get(i)[1]);
            } else {
                slopes.add(m);
                intercepts.add(q);
                edges.add(bounds.get(i)[1]);
            }
        }
        return new PiecewiseLinear(
                edges.stream().mapToDouble(Double::doubleValue).toArray(),
                slopes.stream().mapToDouble(Double::doubleValue).toArray(),
                intercepts.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static void requireScalar(Network network) {
        if (network.layout().inputSize() != 1 || network.layout().outputSize() != 1) {
            throw new IllegalArgumentException("needs one input and one output, layout was " + network.layout());
        }
    }

    static void requireInterval(double a, double b) {
        if (!(Double.isFinite(a) && Double.isFinite(b) && a < b)) {
            throw new IllegalArgumentException("interval must be finite with a < b, was [" + a + ", " + b + "]");
        }
    }

    /** The interior kinks, strictly increasing, strictly inside (a, b). */
    public double[] breakpoints() {
        return Arrays.copyOfRange(edges, 1, edges.length - 1);
    }

    /** Number of linear pieces (breakpoints + 1). */
    public int pieces() {
        return slopes.length;
    }

    public double pieceStart(int piece) {
        return edges[piece];
    }

    public double pieceEnd(int piece) {
        return edges[piece + 1];
    }

    /** The output's slope on piece {@code piece}. */
    public double slope(int piece) {
        return slopes[piece];
    }

    /** The output's intercept on piece {@code piece}: the output there is {@code slope·x + intercept}. */
    public double intercept(int piece) {
        return intercepts[piece];
    }

    /** The network's output at {@code x} in [a, b] from its pieces. */
    public double evaluate(double x) {
        if (!(x >= edges[0] && x <= edges[edges.length - 1])) {
            throw new IllegalArgumentException(
                    "x must lie in [" + edges[0] + ", " + edges[edges.length - 1] + "], was " + x);
        }
        int index = Arrays.binarySearch(edges, 1, edges.length - 1, x);
        int piece = index >= 0 ? index - 1 : -index - 2;
        return slopes[piece] * x + intercepts[piece];
    }
}

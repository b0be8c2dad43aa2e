package io.weights2eq.domain.decoding.analytic;

import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Network;
import java.util.Arrays;

/**
 * How well a candidate polynomial reproduces a network's function on [a, b].
 *
 * <p>{@code rSquared = 1 − ∫(f − p)² / ∫(f − f̄)²} over [a, b] (f̄ the mean of f there), integrated like
 * {@link Projection} (exactly for ReLU networks, composite Gauss–Legendre otherwise). When the network is
 * (numerically) constant its variance is replaced by the floor {@code 1e-20·(b − a)·max(1, f̄²)}, so R² stays a
 * ranking: about 1 for the matching constant, hugely negative for anything else.
 *
 * <p>{@code maxAbsError = max |f(x) − p(x)|} over {@value #GRID_POINTS} evenly spaced points including a and b, plus
 * every ReLU breakpoint (where a piecewise-linear network is furthest from a smooth curve), f by
 * {@link Network#evaluate(double)}.
 *
 * @param rSquared    coefficient of determination of the candidate against the network (1 is a perfect fit)
 * @param maxAbsError largest absolute difference seen
 */
public record FunctionFit(double rSquared, double maxAbsError) {
    public static final int GRID_POINTS = 2001;

    /** Scores {@code candidate} against {@code network} on [a, b]. */
    public static FunctionFit of(Polynomial candidate, Network network, double a, double b) {
        return of(candidate, Samples.of(network, a, b, candidate.degree()));
    }

    static FunctionFit of(Polynomial candidate, Samples samples) {
        Quadrature q = samples.quadrature();
        double integral = 0;
        double length = 0;
        for (int i = 0; i < q.nodes.length; i++) {
            integral += q.weights[i] * q.values[i];
            length += q.weights[i];
        }
        double mean = integral / length;
        double total = 0;
        double residual = 0;
        for (int i = 0; i < q.nodes.length; i++) {
            double centred = q.values[i] - mean;
            double error = q.values[i] - candidate.evaluate(q.nodes[i]);
            total += q.weights[i] * centred * centred;
            residual += q.weights[i] * error * error;
        }
        double floor = 1e-20 * length * Math.max(1, mean * mean);
        double maxError = 0;
        for (int i = 0; i < samples.gridX().length; i++) {
            maxError = Math.max(maxError, Math.abs(samples.gridValues()[i] - candidate.evaluate(samples.gridX()[i])));
        }
        return new FunctionFit(1 - residual / Math.max(total, floor), maxError);
    }

    /**
     * A network sampled once for scoring many candidates of degree ≤ {@code maxDegree} (and for projecting to
     * that degree): quadrature exact to degree {@code 2·max(maxDegree, 1)}, the grid and the breakpoints.
     */
    record Samples(Quadrature quadrature, double[] gridX, double[] gridValues) {

        static Samples of(Network network, double a, double b, int maxDegree) {
            Quadrature quadrature = Quadrature.of(network, a, b, 2 * Math.max(maxDegree, 1));
            double[] kinks = quadrature.pieces == null ? new double[0] : quadrature.pieces.breakpoints();
            double[] x = new double[GRID_POINTS + kinks.length];
            for (int i = 0; i < GRID_POINTS; i++) {
                x[i] = i == GRID_POINTS - 1 ? b : a + (b - a) * i / (GRID_POINTS - 1);
            }
            System.arraycopy(kinks, 0, x, GRID_POINTS, kinks.length);
            Arrays.sort(x);
            double[] f = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = network.evaluate(x[i]);
            }
            return new Samples(quadrature, x, f);
        }
    }
}

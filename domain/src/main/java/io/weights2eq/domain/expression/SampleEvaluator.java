package io.weights2eq.domain.expression;

import java.util.Arrays;

/**
 * Evaluates a tree at many points at once, node by node over whole columns (one pass of the tree, not one per
 * sample): the fast path for samples and verification grids. Points are sample-major: {@code x[i*n + j]} is
 * input j of point i. Gives the same doubles as {@link Expression#evaluate} point by point.
 */
public final class SampleEvaluator {

    private SampleEvaluator() {}

    /** The values at the {@code x.length / inputs} points of {@code x}. */
    public static double[] evaluate(Expression e, double[] x, int inputs) {
        if (inputs < 1 || x.length % inputs != 0) {
            throw new IllegalArgumentException(
                    "samples: x.length (" + x.length + ") must be a multiple of inputs (" + inputs + ")");
        }
        return column(e, x, inputs, x.length / inputs);
    }

    /** The same for float32 points, each widened exactly to double. */
    public static double[] evaluate(Expression e, float[] x, int inputs) {
        double[] wide = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            wide[i] = x[i];
        }
        return evaluate(e, wide, inputs);
    }

    private static double[] column(Expression e, double[] x, int n, int count) {
        double[] out = new double[count];
        if (e instanceof Constant c) {
            Arrays.fill(out, c.value().doubleValue());
        } else if (e instanceof Variable v) {
            for (int i = 0; i < count; i++) {
                out[i] = x[i * n + v.index()];
            }
        } else if (e instanceof Sum s) {
            for (Expression term : s.terms()) {
                double[] t = column(term, x, n, count);
                for (int i = 0; i < count; i++) {
                    out[i] += t[i];
                }
            }
        } else if (e instanceof Product p) {
            Arrays.fill(out, 1);
            for (Expression factor : p.factors()) {
                double[] f = column(factor, x, n, count);
                for (int i = 0; i < count; i++) {
                    out[i] *= f[i];
                }
            }
        } else if (e instanceof Quotient q) {
            double[] num = column(q.numerator(), x, n, count);
            double[] den = column(q.denominator(), x, n, count);
            for (int i = 0; i < count; i++) {
                out[i] = num[i] / den[i];
            }
        } else if (e instanceof Power p) {
            double[] b = column(p.base(), x, n, count);
            for (int i = 0; i < count; i++) {
                out[i] = Power.raise(b[i], p.exponent());
            }
        } else {
            Call call = (Call) e;
            double[] a = column(call.argument(), x, n, count);
            for (int i = 0; i < count; i++) {
                out[i] = call.function().apply(a[i]);
            }
        }
        return out;
    }
}

package io.weights2eq.domain.equation;

import java.util.List;

/**
 * Canonical-text length bookkeeping for polynomials whose terms are independent: each power is absent with weight
 * {@code absent}, or its coefficient comes from class {@code i} with weight {@code weights[i]}.
 *
 * <p>The length of a text depends only on its "shape" (which class each power uses): a term costs its coefficient
 * characters, {@code 2} per power ({@code *x}) and one sign character, except that the leading term has a sign
 * character only when negative; all-absent is the text {@code 0}. Shapes are far too many to list (up to
 * 25<sup>5</sup>), so a dynamic programme over powers computes, for every length, the total weight of the shapes
 * of that length, and cumulative tables to draw a shape of a given length with probability proportional to its
 * weight, one power at a time from the leading term down. All tables are built once; drawing is a few binary
 * searches.
 */
final class LengthTables {

    final int degree;
    final CoefficientClass[] classes;
    /** Probability of each length under the per-term weights (index = length). */
    final double[] lengthWeight;
    /** Per length: cumulative choice over [zero polynomial, (leading power p, class o) at 1 + p*n + o]; null if unreachable. */
    private final double[][] leadCumulative;
    /** Per power q below the leading one and remaining length r: cumulative over [absent, class o at 1 + o]. */
    private final double[][][] stageCumulative;

    LengthTables(int degree, double absent, List<CoefficientClass> classList, double[] weights) {
        this.degree = degree;
        this.classes = classList.toArray(new CoefficientClass[0]);
        int n = classes.length;
        int maxTextLength = 0;
        for (CoefficientClass c : classes) {
            maxTextLength = Math.max(maxTextLength, c.textLength());
        }
        int maxLength = Math.max(1, (degree + 1) * (1 + maxTextLength + 2 * degree));

        // lower[q][len]: weight of powers 0..q-1, all following a leading term, having total length len.
        double[][] lower = new double[degree + 1][maxLength + 1];
        lower[0][0] = 1;
        for (int q = 0; q < degree; q++) {
            for (int len = 0; len <= maxLength; len++) {
                double w = absent * lower[q][len];
                for (int o = 0; o < n; o++) {
                    int rest = len - followingLength(q, o);
                    if (rest >= 0) {
                        w += weights[o] * lower[q][rest];
                    }
                }
                lower[q + 1][len] = w;
            }
        }

        lengthWeight = new double[maxLength + 1];
        leadCumulative = new double[maxLength + 1][];
        for (int len = 1; len <= maxLength; len++) {
            double[] w = new double[1 + (degree + 1) * n];
            w[0] = len == 1 ? Math.pow(absent, degree + 1) : 0;
            for (int p = 0; p <= degree; p++) {
                double higherAbsent = Math.pow(absent, degree - p);
                for (int o = 0; o < n; o++) {
                    int rest = len - leadingLength(p, o);
                    if (rest >= 0) {
                        w[1 + p * n + o] = higherAbsent * weights[o] * lower[p][rest];
                    }
                }
            }
            leadCumulative[len] = cumulative(w);
            lengthWeight[len] = sum(w);
        }

        stageCumulative = new double[degree][maxLength + 1][];
        for (int q = 0; q < degree; q++) {
            for (int r = 0; r <= maxLength; r++) {
                double[] w = new double[1 + n];
                w[0] = absent * lower[q][r];
                for (int o = 0; o < n; o++) {
                    int rest = r - followingLength(q, o);
                    if (rest >= 0) {
                        w[1 + o] = weights[o] * lower[q][rest];
                    }
                }
                stageCumulative[q][r] = cumulative(w);
            }
        }
    }

    int leadingLength(int power, int o) {
        CoefficientClass c = classes[o];
        return (c.sign() < 0 ? 1 : 0) + c.textLength() + 2 * power;
    }

    int followingLength(int power, int o) {
        return 1 + classes[o].textLength() + 2 * power;
    }

    /** Leading choice for a text of {@code length}: -1 for the zero polynomial, else {@code p * n + o}. */
    int chooseLeading(int length, double u) {
        return choose(leadCumulative[length], u) - 1;
    }

    /** Choice at power {@code q} with {@code remaining} characters left: -1 for absent, else the class index. */
    int chooseStage(int q, int remaining, double u) {
        return choose(stageCumulative[q][remaining], u) - 1;
    }

    /** First index whose cumulative weight exceeds {@code u}; entries of weight 0 are never chosen. */
    private static int choose(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (u < cumulative[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Normalised running sums ending in exactly 1.0 (so any u in [0,1) finds an entry); null if all weights are 0. */
    private static double[] cumulative(double[] w) {
        double total = sum(w);
        if (!(total > 0)) {
            return null;
        }
        double[] cum = new double[w.length];
        double running = 0;
        int lastPositive = 0;
        for (int i = 0; i < w.length; i++) {
            running += w[i];
            cum[i] = running / total;
            if (w[i] > 0) {
                lastPositive = i;
            }
        }
        for (int i = lastPositive; i < w.length; i++) {
            cum[i] = 1.0;
        }
        return cum;
    }

    private static double sum(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s;
    }
}

package io.weights2eq.domain.equation;

/**
 * Exact arithmetic on floating-point expansions (Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast
 * Robust Geometric Predicates", 1997): a real number is held exactly as a sum of doubles whose magnitudes do not
 * overlap, stored in increasing magnitude. Sums and products by a double are error-free, so the sign of a small
 * polynomial expression of doubles can be decided exactly without {@link java.math.BigDecimal} and without
 * allocating. Products use Dekker's splitting rather than {@link Math#fma}, which is slow on CPUs without FMA.
 *
 * <p>Exact as long as no intermediate overflows or underflows (callers keep magnitudes within 2<sup>±500</sup>).
 */
final class Expansions {

    /** 2^27 + 1: splits a 53-bit significand into two 26-bit halves. */
    private static final double SPLITTER = 134217729.0;

    private Expansions() {}

    /**
     * h = e + b exactly ({@code Grow-Expansion} with zero elimination); returns h's length. {@code h} may not be
     * {@code e}, and needs room for {@code elen + 1} components.
     */
    static int grow(double[] e, int elen, double b, double[] h) {
        double q = b;
        int hlen = 0;
        for (int i = 0; i < elen; i++) {
            double sum = q + e[i];
            double err = twoSumError(q, e[i], sum);
            q = sum;
            if (err != 0) {
                h[hlen++] = err;
            }
        }
        if (q != 0 || hlen == 0) {
            h[hlen++] = q;
        }
        return hlen;
    }

    /**
     * h = e * b exactly ({@code Scale-Expansion} with zero elimination); returns h's length. {@code h} may not be
     * {@code e}, and needs room for {@code 2 * elen} components.
     */
    static int scale(double[] e, int elen, double b, double[] h) {
        int hlen = 0;
        double q = e[0] * b;
        double err = twoProductError(e[0], b, q);
        if (err != 0) {
            h[hlen++] = err;
        }
        for (int i = 1; i < elen; i++) {
            double product = e[i] * b;
            double productError = twoProductError(e[i], b, product);
            double sum = q + productError;
            err = twoSumError(q, productError, sum);
            if (err != 0) {
                h[hlen++] = err;
            }
            q = product + sum;
            err = twoSumError(product, sum, q);
            if (err != 0) {
                h[hlen++] = err;
            }
        }
        if (q != 0 || hlen == 0) {
            h[hlen++] = q;
        }
        return hlen;
    }

    /** The sign of a non-overlapping expansion is the sign of its largest (last) component. */
    static int signum(double[] e, int elen) {
        return (int) Math.signum(e[elen - 1]);
    }

    /** Knuth's TwoSum: the exact rounding error of {@code sum = a + b}, with no ordering requirement. */
    static double twoSumError(double a, double b, double sum) {
        double bVirtual = sum - a;
        double aVirtual = sum - bVirtual;
        return (a - aVirtual) + (b - bVirtual);
    }

    /** Dekker's TwoProduct: the exact rounding error of {@code product = a * b}. */
    static double twoProductError(double a, double b, double product) {
        double c = SPLITTER * a;
        double aHigh = c - (c - a);
        double aLow = a - aHigh;
        c = SPLITTER * b;
        double bHigh = c - (c - b);
        double bLow = b - bHigh;
        double err = product - aHigh * bHigh;
        err -= aLow * bHigh;
        err -= aHigh * bLow;
        return aLow * bLow - err;
    }
}

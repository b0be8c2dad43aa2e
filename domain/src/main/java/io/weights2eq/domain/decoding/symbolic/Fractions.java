package io.weights2eq.domain.decoding.symbolic;

import java.math.BigDecimal;

/**
 * Constants with no short decimal: the family folds its whole-number constants exactly, so {@code x/3} or
 * {@code 2*x/3} are truths, which no number of decimals writes. A fitted constant may be rounded to the nearest
 * {@code p/q} with a denominator in {@link #DENOMINATORS} (those that leave a repeating decimal), and such a value
 * is written as the fraction.
 */
final class Fractions {
    /** The denominators tried, smallest first; 2, 4, 5, 8 and 10 are already short decimals. */
    static final int[] DENOMINATORS = {3, 6, 7, 9, 12};

    /** Decimals up to this many places are written as decimals; a repeating one has about 16. */
    private static final int SHORT_DECIMAL = 8;

    private Fractions() {}

    /** The nearest {@code p/q} over the denominators, the smaller one on a tie. */
    static double nearest(double value) {
        double best = Math.rint(value);
        for (int q : DENOMINATORS) {
            double candidate = Math.rint(value * q) / q;
            if (Math.abs(value - candidate) < Math.abs(value - best)) {
                best = candidate;
            }
        }
        return best;
    }

    /** {@code "p/q"} where {@code value} is exactly a fraction of the denominators and no short decimal; else null. */
    static String of(double value) {
        if (!Double.isFinite(value)
                || BigDecimal.valueOf(value).stripTrailingZeros().scale() <= SHORT_DECIMAL) {
            return null; // 0.25 = 3/12 stays 0.25
        }
        for (int q : DENOMINATORS) {
            double p = Math.rint(value * q);
            if (p / q == value && Math.abs(p) < 1e9) {
                return (long) p + "/" + q;
            }
        }
        return null;
    }
}

package io.weights2eq.domain.equation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * All non-zero coefficient values with one sign, one exact number of decimals and one number of integer-part
 * digits that lie in a range. Every value of a class has the same canonical-text length, which is what lets the
 * sampler choose text lengths first and values afterwards.
 *
 * <p>Values are {@code sign * magnitude / 10^decimals} for integer magnitudes in {@code [low, high]}; when
 * {@code decimals > 0}, magnitudes divisible by 10 are excluded so the last decimal is non-zero and the value keeps
 * its kind in canonical text (0.50 would print as 0.5, a different kind with a different length).
 *
 * @param sign          +1 or -1
 * @param kind          the kind the values were drawn for
 * @param decimals      exact number of decimals (0 for whole numbers)
 * @param integerDigits digits before the point in canonical text ({@code 0.5} has 1)
 * @param low           smallest magnitude, in units of 10<sup>-decimals</sup>
 * @param high          largest magnitude, in the same units
 * @param count         how many values the class holds (at least 1)
 */
record CoefficientClass(
        int sign, CoefficientKind kind, int decimals, int integerDigits, long low, long high, long count) {

    /** Characters of the coefficient without its sign: integer digits, then {@code .} and decimals if any. */
    int textLength() {
        return integerDigits + (decimals > 0 ? 1 + decimals : 0);
    }

    /** One value uniformly among the class's {@link #count()} values, using one bounded draw. */
    BigDecimal draw(DeterministicRandom rnd) {
        long j = rnd.nextLong(count);
        long magnitude = decimals == 0 ? low + j : nthNonMultipleOfTen(nonMultiplesOfTen(low - 1) + j + 1);
        return BigDecimal.valueOf(sign * magnitude, decimals);
    }

    /** How many of 1..t are not divisible by 10. */
    static long nonMultiplesOfTen(long t) {
        return t - t / 10;
    }

    /** The c-th (1-based) positive integer not divisible by 10: every block of 9 skips one multiple of 10. */
    static long nthNonMultipleOfTen(long c) {
        return c + (c - 1) / 9;
    }

    /**
     * The non-empty classes of one kind with {@code decimals} decimals inside {@code [min, max]}.
     * Callers keep {@code |min|, |max| <= 1000} and {@code decimals <= 6} so magnitudes fit a long easily.
     */
    static List<CoefficientClass> enumerate(CoefficientKind kind, int decimals, BigDecimal min, BigDecimal max) {
        List<CoefficientClass> classes = new ArrayList<>();
        BigDecimal scaledMin = min.movePointRight(decimals);
        BigDecimal scaledMax = max.movePointRight(decimals);
        for (int sign : new int[] {1, -1}) {
            // Magnitude range of this sign: positive values need min <= m <= max, negative ones -max <= m <= -min.
            BigDecimal lowBound = sign > 0 ? scaledMin : scaledMax.negate();
            BigDecimal highBound = sign > 0 ? scaledMax : scaledMin.negate();
            long signLow =
                    Math.max(1, lowBound.setScale(0, RoundingMode.CEILING).longValueExact());
            long signHigh = highBound.setScale(0, RoundingMode.FLOOR).longValueExact();
            long unit = pow10(decimals);
            for (int digits = 1; pow10(digits - 1) * unit <= signHigh || digits == 1; digits++) {
                long digitLow = digits == 1 ? 0 : pow10(digits - 1) * unit;
                long digitHigh = pow10(digits) * unit - 1;
                long low = Math.max(signLow, digitLow);
                long high = Math.min(signHigh, digitHigh);
                long count = high < low
                        ? 0
                        : decimals == 0 ? high - low + 1 : nonMultiplesOfTen(high) - nonMultiplesOfTen(low - 1);
                if (count > 0) {
                    classes.add(new CoefficientClass(sign, kind, decimals, digits, low, high, count));
                }
            }
        }
        return classes;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}

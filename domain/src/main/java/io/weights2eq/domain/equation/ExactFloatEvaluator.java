package io.weights2eq.domain.equation;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Evaluates a polynomial at float32 inputs and returns the exact real value rounded once, to nearest-even, to
 * float32. Training targets must not depend on how a machine happens to round intermediate results, and a naive
 * {@code (float) p.evaluate(x)} rounds twice (to double, then to float), which is wrong whenever the double lands
 * on a float midpoint; besides, coefficients like 0.1 have no exact double at all.
 *
 * <p>Three tiers, each exact, the cheapest first:
 * <ol>
 *   <li><b>Double with an error bound.</b> Horner in double with the coefficients rounded to double. With
 *       {@code u = 2^-53} and degree {@code n}, the classic Horner analysis bounds the error by
 *       {@code γ(2n)·S + u·S}, {@code S = Σ|c_j|·|x|^j} (coefficient rounding included), which is below
 *       {@code (2n+1.01)·u·S}; we use twice that, {@code (4n+4)·u·S}, plus {@code 2^-900} for any subnormal
 *       intermediate. If both ends of {@code [y - e, y + e]} round to the same float, so does the exact value
 *       (rounding is monotonic). This decides about 99 % of samples.</li>
 *   <li><b>One exact comparison.</b> Otherwise the exact value is within a few ulps of the midpoint {@code m}
 *       between two neighbouring floats, and which one it rounds to is the sign of {@code p(x) - m} (0: ties to
 *       even). This is common, not rare: {@code 3*x} or {@code 1.4*x-1.7} at a float x is often exactly a midpoint,
 *       because the result needs only a few bits more than a float has. The sign is computed without error on
 *       floating-point expansions ({@link Expansions}) from the integers {@code c_j * 10^K}, allocation-free.</li>
 *   <li><b>BigDecimal.</b> When tier 2 does not apply (more than 22 decimals, degree above 4, the interval spans
 *       more than two floats), the value is computed exactly with {@link BigDecimal} (a float is a finite binary
 *       fraction, so {@code new BigDecimal(x)} and all products are exact) and rounded by comparing it with the
 *       exact midpoints between neighbouring floats.</li>
 * </ol>
 * Tiers 1 and 2 assume degree ≤ 8 (tier 2: ≤ 4), non-zero coefficients between 2<sup>-200</sup> and
 * 2<sup>200</sup> in magnitude and {@code |x| ≤ 2^20}, which every valid {@link EquationFamily} and
 * {@link SampleSpec} guarantee; otherwise tier 3 is used. A zero result is always {@code +0.0f} so that the bits
 * depend only on the value. A non-finite x gives the double evaluation's IEEE result (NaN or an infinity).
 *
 * <p>Not thread-safe (scratch buffers and the {@link #exactFallbacks()} counter): one instance per thread.
 */
public final class ExactFloatEvaluator {

    private static final int MAX_FAST_DEGREE = 8;
    private static final double MAX_FAST_ABS_X = 0x1p20;
    private static final double MIN_FAST_COEFFICIENT = 0x1p-200;
    private static final double MAX_FAST_COEFFICIENT = 0x1p200;
    private static final double UNDERFLOW_SLACK = 0x1p-900;
    private static final double UNIT_ROUNDOFF = 0x1p-53;
    private static final int MAX_EXPANSION_DEGREE = 4;
    private static final int MAX_EXACT_POWER_OF_TEN = 22;

    private final BigDecimal[] exact;
    private final double[] coefficients;
    private final double[] absCoefficients;
    private final double errorFactor;
    private final boolean fastPathAllowed;
    /** {@code c_j * 10^K} as exact doubles, with {@code 10^K} in {@link #powerOfTen}; null if not representable. */
    private final double[] scaledCoefficients;

    private final double powerOfTen;
    private final double[] scratchA;
    private final double[] scratchB;
    private long exactFallbacks;

    public ExactFloatEvaluator(Polynomial polynomial) {
        this.exact = polynomial.coefficientArray();
        int size = exact.length;
        this.coefficients = new double[size];
        this.absCoefficients = new double[size];
        boolean safe = polynomial.degree() <= MAX_FAST_DEGREE;
        for (int i = 0; i < size; i++) {
            coefficients[i] = exact[i].doubleValue();
            absCoefficients[i] = Math.abs(coefficients[i]);
            safe &= absCoefficients[i] == 0
                    || (absCoefficients[i] >= MIN_FAST_COEFFICIENT && absCoefficients[i] <= MAX_FAST_COEFFICIENT);
        }
        this.fastPathAllowed = safe;
        this.errorFactor = (4.0 * polynomial.degree() + 4) * UNIT_ROUNDOFF;
        this.scaledCoefficients =
                safe && size > 0 && polynomial.degree() <= MAX_EXPANSION_DEGREE ? scaledToIntegers(exact) : null;
        this.powerOfTen = scaledCoefficients == null
                ? 0
                : BigDecimal.TEN.pow(scaleOf(exact)).doubleValue();
        // Horner on expansions: a scale at most doubles the length, a grow adds one; +2 for the midpoint.
        int room = scaledCoefficients == null ? 0 : (2 << exact.length) + 2;
        this.scratchA = new double[room];
        this.scratchB = new double[room];
    }

    /** Largest number of decimals among the coefficients (at least 0). */
    private static int scaleOf(BigDecimal[] coefficients) {
        int scale = 0;
        for (BigDecimal c : coefficients) {
            scale = Math.max(scale, c.scale());
        }
        return scale;
    }

    /**
     * Every coefficient times {@code 10^K} as an integer-valued double, or null when that is not exact (more than 22
     * decimals, so {@code 10^K} is not an exact double, or an integer beyond 2<sup>53</sup>).
     */
    private static double[] scaledToIntegers(BigDecimal[] coefficients) {
        int scale = scaleOf(coefficients);
        if (scale > MAX_EXACT_POWER_OF_TEN) {
            return null;
        }
        double[] scaled = new double[coefficients.length];
        for (int i = 0; i < scaled.length; i++) {
            BigInteger integer = coefficients[i].movePointRight(scale).toBigIntegerExact();
            if (integer.bitLength() > 53) {
                return null;
            }
            scaled[i] = integer.doubleValue();
        }
        return scaled;
    }

    /** The exact value at {@code x}, rounded once to float32. */
    public float evaluate(float x) {
        int top = coefficients.length - 1;
        if (top < 0) {
            return 0f;
        }
        double xd = x;
        double ax = Math.abs(xd);
        // Start from the leading coefficient rather than 0, so that an infinite x never meets 0 * x (NaN).
        double y = coefficients[top];
        double s = absCoefficients[top];
        for (int i = top - 1; i >= 0; i--) {
            y = y * xd + coefficients[i];
            s = s * ax + absCoefficients[i];
        }
        float f = (float) y;
        if (fastPathAllowed && ax <= MAX_FAST_ABS_X) {
            double e = s * errorFactor + UNDERFLOW_SLACK;
            // nextDown/nextUp make the computed ends true bounds despite the rounding of y - e and y + e.
            float low = (float) Math.nextDown(y - e);
            float high = (float) Math.nextUp(y + e);
            if (low == f && high == f) {
                return f == 0 ? 0f : f;
            }
            exactFallbacks++;
            if (Math.nextUp(low) == high && Float.isFinite(low) && Float.isFinite(high)) {
                return decideBetween(low, high, x);
            }
            return roundToFloat(exactValue(x));
        }
        if (!Float.isFinite(x)) {
            return f;
        }
        exactFallbacks++;
        return roundToFloat(exactValue(x));
    }

    /**
     * The exact value is known to round to {@code low} or to its neighbour {@code high}: one exact comparison with
     * the midpoint between them decides (ties to the even one).
     */
    private float decideBetween(float low, float high, float x) {
        double midpoint = ((double) low + (double) high) / 2;
        int cmp = scaledCoefficients != null
                ? compareWithExpansions(x, midpoint)
                : exactValue(x).compareTo(new BigDecimal(midpoint));
        float f = cmp < 0 ? low : cmp > 0 ? high : isOdd(low) ? high : low;
        return f == 0 ? 0f : f;
    }

    /** Evaluates every {@code xs[i]} into {@code ys[i]}; the hot path of the generator. */
    public void evaluate(float[] xs, float[] ys) {
        if (ys.length < xs.length) {
            throw new IllegalArgumentException("ys has " + ys.length + " entries for " + xs.length + " xs");
        }
        for (int i = 0; i < xs.length; i++) {
            ys[i] = evaluate(xs[i]);
        }
    }

    /** How many evaluations so far were not decided by double arithmetic alone (tiers 2 and 3). */
    public long exactFallbacks() {
        return exactFallbacks;
    }

    /** The exact value of the polynomial at a (finite) float, by Horner in BigDecimal without rounding. */
    BigDecimal exactValue(float x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal y = BigDecimal.ZERO;
        for (int i = exact.length - 1; i >= 0; i--) {
            y = y.multiply(bx).add(exact[i]);
        }
        return y;
    }

    /**
     * Rounds an exact value to the nearest float, ties to even, by comparing with the exact midpoints between
     * neighbouring floats (two adjacent floats sum exactly in double, so their midpoint is exact). Starts from the
     * double's rounding, which is at most one float away.
     */
    static float roundToFloat(BigDecimal value) {
        if (value.signum() == 0) {
            return 0f;
        }
        float f = (float) value.doubleValue();
        if (Float.isInfinite(f)) {
            f = Math.copySign(Float.MAX_VALUE, f);
        }
        while (true) {
            if (f == Float.MAX_VALUE || f == -Float.MAX_VALUE) {
                // Beyond MAX + ulp/2 (the midpoint towards 2^128) IEEE rounding gives an infinity.
                BigDecimal limit = new BigDecimal(Math.copySign(0x1p128 - 0x1p103, f));
                int cmp = value.compareTo(limit);
                if (f > 0 ? cmp >= 0 : cmp <= 0) {
                    return f > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                }
            }
            float up = Math.nextUp(f);
            if (up != Float.POSITIVE_INFINITY) {
                int cmp = value.compareTo(midpoint(f, up));
                if (cmp > 0 || (cmp == 0 && isOdd(f))) {
                    f = up;
                    continue;
                }
            }
            float down = Math.nextDown(f);
            if (down != Float.NEGATIVE_INFINITY) {
                int cmp = value.compareTo(midpoint(down, f));
                if (cmp < 0 || (cmp == 0 && isOdd(f))) {
                    f = down;
                    continue;
                }
            }
            return f == 0 ? 0f : f;
        }
    }

    /**
     * The sign of {@code p(x) - m}, exactly: {@code 10^K (p(x) - m) = Σ A_j x^j - 10^K m} is evaluated by Horner on
     * floating-point expansions ({@link Expansions}), which is error-free; every quantity is a multiple of
     * 2<sup>-600</sup> and below 2<sup>210</sup> here, so nothing underflows or overflows.
     */
    private int compareWithExpansions(float x, double m) {
        double[] e = scratchA;
        double[] h = scratchB;
        int n = scaledCoefficients.length - 1;
        e[0] = scaledCoefficients[n];
        int len = 1;
        for (int j = n - 1; j >= 0; j--) {
            len = Expansions.scale(e, len, x, h);
            len = Expansions.grow(h, len, scaledCoefficients[j], e);
        }
        double product = m * powerOfTen;
        double productError = Expansions.twoProductError(m, powerOfTen, product);
        len = Expansions.grow(e, len, -product, h);
        len = Expansions.grow(h, len, -productError, e);
        return Expansions.signum(e, len);
    }

    private static BigDecimal midpoint(float a, float b) {
        return new BigDecimal(((double) a + (double) b) / 2);
    }

    /** Odd last significand bit: the neighbour of an odd float is even, which ties round to. */
    private static boolean isOdd(float f) {
        return (Float.floatToRawIntBits(f) & 1) != 0;
    }
}

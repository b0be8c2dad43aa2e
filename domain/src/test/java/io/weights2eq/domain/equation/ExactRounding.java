package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

/** Test oracle for "the exact value rounded once to float", independent of the production code. */
final class ExactRounding {

    private ExactRounding() {}

    /** p(x) exactly: BigDecimal coefficients, the float's exact binary value, no rounding anywhere. */
    static BigDecimal exactValue(Polynomial p, float x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal y = BigDecimal.ZERO;
        for (int power = p.degree(); power >= 0; power--) {
            y = y.multiply(bx).add(p.coefficient(power));
        }
        return y;
    }

    /**
     * Asserts that {@code actual} is the float nearest to {@code exact}, ties to even, zero as +0: checked both by
     * distance to the two neighbours and against {@link BigDecimal#floatValue()} (correctly rounded in Java 17:
     * it divides exact small floats or parses the exact decimal string).
     */
    static void assertCorrectlyRounded(BigDecimal exact, float actual, String context) {
        assertTrue(Float.isFinite(actual), context);
        float expected = exact.floatValue();
        if (expected == 0) {
            expected = 0f;
        }
        assertEquals(
                Float.floatToIntBits(expected),
                Float.floatToIntBits(actual),
                () -> context + ": exact " + exact.toPlainString());
        BigDecimal distance = exact.subtract(new BigDecimal(actual)).abs();
        for (float neighbour : new float[] {Math.nextUp(actual), Math.nextDown(actual)}) {
            int cmp =
                    distance.compareTo(exact.subtract(new BigDecimal(neighbour)).abs());
            assertTrue(
                    cmp < 0 || (cmp == 0 && (Float.floatToRawIntBits(actual) & 1) == 0),
                    () -> context + ": " + actual + " is not nearest to " + exact.toPlainString());
        }
    }
}

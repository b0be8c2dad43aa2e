package io.weights2eq.domain.decoding.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.SamplingMode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoefficientRoundingTest {
    private static final EquationFamily DEFAULTS = EquationFamily.defaults();
    private static final EquationFamily SERVANT = EquationFamily.servant();
    /** Decimals (1 digit) and fractions (2 digits) only, no whole numbers. */
    private static final EquationFamily NO_WHOLE = new EquationFamily(
            SamplingMode.UNIFORM_LENGTH, 2, BigDecimal.valueOf(-5), BigDecimal.valueOf(5), 0, 1, 1, 1, 2, 0.25);

    private static List<String> texts(double[] coefficients, EquationFamily family) {
        return CoefficientRounding.candidates(coefficients, family).stream()
                .map(Polynomial::toCanonicalText)
                .toList();
    }

    @Test
    void precisionsFollowTheFamilysKinds() {
        assertEquals(List.of(0, 1), CoefficientRounding.precisions(SERVANT));
        assertEquals(List.of(0, 1, 2), CoefficientRounding.precisions(DEFAULTS));
        assertEquals(List.of(1, 2), CoefficientRounding.precisions(NO_WHOLE));
    }

    /** Servant: whole numbers and one decimal; snapping changes nothing here. */
    @Test
    void servantRoundsToWholeNumbersAndOneDecimal() {
        assertEquals(List.of("3*x*x-1*x+1", "3*x*x-1.3*x+0.8"), texts(new double[] {0.75, -1.26, 2.96}, SERVANT));
    }

    /** Defaults: plain 0, 1, 2 decimals, then 2 decimals with 2.96 snapped to 3 (0.75 and -1.26 keep theirs). */
    @Test
    void defaultsRoundToEachPrecisionAndSnapNoisyCoarseValues() {
        assertEquals(
                List.of("3*x*x-1*x+1", "3*x*x-1.3*x+0.8", "2.96*x*x-1.26*x+0.75", "3*x*x-1.26*x+0.75"),
                texts(new double[] {0.7512, -1.26, 2.96}, DEFAULTS));
    }

    /** 0.049 is dropped by snapping (|c| ≤ 0.1 with whole numbers allowed) and 2.504 snaps to 2.5. */
    @Test
    void nearZeroCoefficientsAreDropped() {
        assertEquals(List.of("3*x", "2.5*x", "2.5*x+0.05"), texts(new double[] {0.049, 2.504, -0.0}, DEFAULTS));
        // Without whole numbers the zero threshold is one unit of the 2nd decimal.
        assertEquals(List.of("2*x", "2*x+0.02"), texts(new double[] {0.02, 1.996}, NO_WHOLE));
        assertEquals(List.of("2*x", "2*x+0.01"), texts(new double[] {0.009, 1.996}, NO_WHOLE));
    }

    @Test
    void clampsToTheFamilysRange() {
        assertEquals(List.of("-5*x+5"), texts(new double[] {7.3, -12}, DEFAULTS));
        assertEquals(List.of("5*x*x"), texts(new double[] {0, 0, 999}, SERVANT));
    }

    /** HALF_EVEN on the double's exact binary value: 2.5 → 2, and 0.15 (really 0.1499…) → 0.1. */
    @Test
    void roundsHalfEvenOnTheExactValue() {
        assertEquals(List.of("2", "2.5"), texts(new double[] {2.5}, SERVANT));
        assertEquals(List.of("0", "0.1"), texts(new double[] {0.15}, SERVANT));
        assertEquals(List.of("0", "0.1", "0.12"), texts(new double[] {0.125}, DEFAULTS));
    }

    @Test
    void rejectsNonFiniteCoefficientsAndInvalidFamilies() {
        assertThrows(
                IllegalArgumentException.class,
                () -> CoefficientRounding.candidates(new double[] {Double.NaN}, DEFAULTS));
        EquationFamily invalid = new EquationFamily(
                SamplingMode.UNIFORM_LENGTH, 9, BigDecimal.ONE, BigDecimal.ZERO, 1, 1, 1, 1, 2, 0.25);
        assertThrows(IllegalArgumentException.class, () -> CoefficientRounding.candidates(new double[] {1}, invalid));
    }
}

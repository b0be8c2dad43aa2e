package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolynomialCheckTest {
    @Test
    void parsesCanonicalTexts() {
        assertEquals(Map.of(2, -2.5, 1, 3.0, 0, -0.75), EquationsSummaryCommand.parsePolynomial("-2.5*x*x+3*x-0.75"));
        assertEquals(Map.of(2, 1.0, 1, -1.0), EquationsSummaryCommand.parsePolynomial("x*x-x"));
        assertEquals(Map.of(0, 0.0), EquationsSummaryCommand.parsePolynomial("0"));
        assertEquals(Map.of(1, 0.125), EquationsSummaryCommand.parsePolynomial("0.125*x"));
        assertThrows(IllegalArgumentException.class, () -> EquationsSummaryCommand.parsePolynomial("2*y"));
        assertThrows(IllegalArgumentException.class, () -> EquationsSummaryCommand.parsePolynomial("2+-x"));
        assertThrows(IllegalArgumentException.class, () -> EquationsSummaryCommand.parsePolynomial(""));
    }

    @Test
    void evaluatesByAscendingPower() {
        assertEquals(
                -2.5 * 4 + 3 * 2 - 0.75, EquationsSummaryCommand.evaluate(new double[] {-0.75, 3, -2.5}, 2), 1e-12);
        assertEquals(0, EquationsSummaryCommand.evaluate(new double[0], 3));
    }
}

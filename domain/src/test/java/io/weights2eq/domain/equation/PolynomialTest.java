package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolynomialTest {

    @Test
    void canonicalTextFollowsTheDocumentedExamples() {
        assertEquals(
                "-2.5*x*x+3*x-0.75", Polynomial.ofDecimals("-0.75", "3", "-2.5").toCanonicalText());
        assertEquals("1*x", Polynomial.ofDecimals("0", "1").toCanonicalText());
        assertEquals("0.05*x*x-5", Polynomial.ofDecimals("-5", "0", "0.05").toCanonicalText());
        assertEquals("-1*x*x", Polynomial.ofDecimals("0", "0", "-1").toCanonicalText());
        assertEquals("0", Polynomial.of().toCanonicalText());
        assertEquals("0", Polynomial.ofDecimals("0.00", "0").toCanonicalText());
        assertEquals("7", Polynomial.ofDecimals("7.000").toCanonicalText());
        assertEquals("100*x+1000", Polynomial.ofDecimals("1000", "100").toCanonicalText(), "no scientific notation");
        assertEquals(
                "0.000001*x*x*x*x",
                Polynomial.ofDecimals("0", "0", "0", "0", "1E-6").toCanonicalText());
        assertEquals("1*x*x*x-1", Polynomial.ofDecimals("-1", "0", "0", "1").toCanonicalText());
    }

    @Test
    void equalityIsByValueAfterNormalisation() {
        assertEquals(Polynomial.ofDecimals("2.50", "1"), Polynomial.ofDecimals("2.5", "1.0"));
        assertEquals(
                Polynomial.ofDecimals("2.50", "1").hashCode(),
                Polynomial.ofDecimals("2.5", "1.0").hashCode());
        assertEquals(
                Polynomial.ofDecimals("1", "2"),
                Polynomial.ofDecimals("1", "2", "0", "0.000"),
                "trailing zero powers trimmed");
        assertEquals(Polynomial.zero(), Polynomial.ofDecimals("0"));
        assertNotEquals(Polynomial.ofDecimals("1", "2"), Polynomial.ofDecimals("2", "1"));
        assertEquals("100", Polynomial.ofDecimals("100.00").coefficient(0).toString(), "no 1E+2");
        assertEquals(Polynomial.ofDecimals("1E+2"), Polynomial.ofDecimals("100"));
    }

    @Test
    void degreeCoefficientsAndZero() {
        Polynomial p = Polynomial.ofDecimals("-0.75", "3", "-2.5");
        assertEquals(2, p.degree());
        assertEquals(0, new BigDecimal("-2.5").compareTo(p.coefficient(2)));
        assertEquals(BigDecimal.ZERO, p.coefficient(3));
        assertEquals(BigDecimal.ZERO, p.coefficient(17));
        assertThrows(IllegalArgumentException.class, () -> p.coefficient(-1));
        assertEquals(0, Polynomial.zero().degree());
        assertTrue(Polynomial.zero().isZero());
        assertFalse(Polynomial.ofDecimals("0", "1").isZero());
        assertEquals(0, Polynomial.ofDecimals("4").degree());
    }

    @Test
    void ascendingCoefficientsArePaddedAndUnmodifiable() {
        List<BigDecimal> list = Polynomial.ofDecimals("1", "2").ascendingCoefficients(4);
        assertEquals(List.of(BigDecimal.ONE, BigDecimal.valueOf(2), BigDecimal.ZERO, BigDecimal.ZERO), list);
        assertEquals(2, Polynomial.ofDecimals("1", "2").ascendingCoefficients(0).size(), "never truncates");
        assertThrows(UnsupportedOperationException.class, () -> list.set(0, BigDecimal.TEN));
    }

    @Test
    void evaluatesInDouble() {
        Polynomial p = Polynomial.ofDecimals("-0.75", "3", "-2.5");
        assertEquals(-0.25, p.evaluate(1.0), 1e-15);
        assertEquals(-0.75, p.evaluate(0.0), 0);
        assertEquals(-16.75, p.evaluate(-2.0), 1e-15);
        assertEquals(0, Polynomial.zero().evaluate(3.0));
    }

    @Test
    void parseDelegatesToTheParser() {
        assertEquals(Polynomial.ofDecimals("-0.75", "3", "-2.5"), Polynomial.parse("-2.5*x*x+3*x-0.75"));
        assertThrows(EquationSyntaxException.class, () -> Polynomial.parse("2x"));
    }

    @Test
    void rejectsNullCoefficients() {
        assertThrows(NullPointerException.class, () -> Polynomial.of(BigDecimal.ONE, null));
    }
}

package io.weights2eq.domain.decoding.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExpressionReaderTest {
    @Test
    void readsAndWritesTheSharedSyntax() {
        for (String text : new String[] {"sin(x^2)*cos(x)-1", "log(x+1)+log(x^2+1)", "-2.5*exp(-x)+3", "3/(x+2)"}) {
            assertEquals(text, ExpressionReader.read(text, 1).text());
        }
        assertEquals(
                "2*sin(x1)*cos(x2)",
                ExpressionReader.read("2*sin(x1)*cos(x2)", 2).text());
        assertEquals(
                Math.sin(0.25) * Math.cos(0.5) - 1,
                ExpressionReader.read("sin(x^2)*cos(x)-1", 1).eval(new double[] {0.5}),
                1e-15);
        assertEquals(-4, ExpressionReader.read("-x^2", 1).eval(new double[] {2}), 0);
    }

    @Test
    void errorsNameThePosition() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ExpressionReader.read("sin(x", 1));
        assertEquals("expression: at position 5: expected ')' but found end of input", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExpressionReader.read("x^7", 1));
        assertEquals("expression: at position 2: expected an exponent 2 to 6 but found '7'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExpressionReader.read("x3", 2));
        assertEquals("expression: at position 1: expected x1 or x2 (two inputs) but found '3'", e.getMessage());
    }
}

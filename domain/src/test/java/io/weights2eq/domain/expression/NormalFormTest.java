package io.weights2eq.domain.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalFormTest {

    private static String canonical(String text) {
        return NormalForm.text(ExpressionParser.parse(text, 1));
    }

    private static String canonical2(String text) {
        return NormalForm.text(ExpressionParser.parse(text, 2));
    }

    @ParameterizedTest(name = "{0} and {1} give {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "x*x+2*x*1; 2*x+x^2; x^2+2*x",
                "(x+1)^2; x^2+1+2*x; x^2+2*x+1",
                "x/4; 0.25*x; 0.25*x",
                "2*3*x-x; x+x*4; 5*x",
                "0.1+0.2+x; x+0.3; x+0.3",
                "x*x*x; x^2*x; x^3",
                "sin(x*x)*cos(x)-1; -1+cos(x)*sin(x^2); sin(x^2)*cos(x)-1",
                "log(1+x)+log(1+x*x); log(x^2+1)+log(x+1); log(x+1)+log(x^2+1)",
                "sin(x)*sin(x); sin(x)^2; sin(x)^2",
                "1/x/x; 1/x^2; 1/x^2",
                "x/(2*x+2); 0.5*x/(x+1); 0.5*x/(x+1)",
                "-x/(1-x); x/(x-1); x/(x-1)",
                "(x+1)/(x+2); x/(x+2)+1/(x+2); x/(x+2)+1/(x+2)",
                "x/3+x/3; 2*x/3; 2*x/3",
                "sin(0)+exp(0)*x+log(1); x+cos(0)-1; x",
                "sqrt(4)*x+sqrt(0.25); 2*x+0.5; 2*x+0.5",
                "sin(2)*x; x*sin(2); x*sin(2)",
                "x-x+1; 1; 1",
                "x^2/x; x*x/x; x^2/x",
                "-(x-1)*(x+1); 1-x^2; -x^2+1",
                "exp(x+x); exp(2*x); exp(2*x)",
                "exp(log(x+1))*2; log(exp(2*x+2)); 2*x+2",
                "x/exp(x); x*exp(-x); x*exp(-x)",
                "exp(x)*exp(x); exp(x)^2; exp(2*x)",
                "exp(x)*exp(1-x)*x; x*exp(1); x*exp(1)",
                "exp(x)*exp(-x)+x; x+1; x+1",
                "1/(2*exp(x)); 0.5*exp(-x); 0.5*exp(-x)",
                "1/((x+1)*exp(x)); exp(-x)/(x+1); exp(-x)/(x+1)",
                "sin(x)/exp(x^2)/exp(x); exp(-x^2-x)*sin(x); sin(x)*exp(-x^2-x)",
                "sqrt(x+2)^2; x+2; x+2",
                "sin(-x-3); -sin(x+3); -sin(x+3)",
                "x+x/3; 4*x/3; 4*x/3",
                "0.5*x/3; x/6; x/6",
                "x/1.5+1/1.5; 2*x/3+2/3; 2*x/3+2/3",
                "x/3+x/6; 0.5*x; 0.5*x",
                "cos(1-x)*exp(cos(-x)); cos(x-1)*exp(cos(x)); cos(x-1)*exp(cos(x))",
                "-sin(-2*x); sin(2*x); sin(2*x)",
                "sqrt(25*exp(x)); 5*sqrt(exp(x)); 5*exp(0.5*x)",
                "sqrt(4*x+8); 2*sqrt(x+2); 2*sqrt(x+2)",
                "0.2*sin(x)/(1/3); 0.6*sin(x); 0.6*sin(x)",
                "-0.5/(1/(x+2)); -0.5*x-1; -0.5*x-1",
                "sqrt(x+2)^3; (x+2)*sqrt(x+2); x*sqrt(x+2)+2*sqrt(x+2)",
            })
    void equalExpressionsWrittenDifferentlyGiveOneText(String one, String other, String expected) {
        assertEquals(expected, canonical(one));
        assertEquals(expected, canonical(other));
    }

    @Test
    void twoInputsOrderTermsByDegreeThenByVariable() {
        assertEquals("x1^2+2*x1*x2+x2^2", canonical2("(x2+x1)^2"));
        assertEquals("2*sin(x1)*cos(x2)", canonical2("cos(x2)*sin(x1)*2"));
        assertEquals("x1*x2-x2+3", canonical2("3-x2+x2*x1"));
    }

    @Test
    void theNormalFormIsAFixedPoint() {
        for (String text : new String[] {"x^2+2*x+1", "sin(x^2)*cos(x)-1", "0.5*x/(x+1)", "-x^3+x/3-2.5"}) {
            assertEquals(text, canonical(text), text);
        }
    }

    @Test
    void divisionByAnExactZeroHasNoNormalForm() {
        NormalFormException e = assertThrows(NormalFormException.class, () -> canonical("x/(x-x)"));
        assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
    }

    @Test
    void expansionBeyondTheBoundIsRefusedNotComputed() {
        NormalFormException e = assertThrows(NormalFormException.class, () -> canonical("((x+1)^6)^6*((x+2)^6)^6"));
        assertTrue(e.getMessage().contains("power above 64") || e.getMessage().contains("terms"), e.getMessage());
    }

    @Test
    void theNormalFormKeepsTheValue() {
        Expression e = ExpressionParser.parse("(x+1)^3/(2*x+3)-sin(x)^2*(x-0.5)", 1);
        Expression n = NormalForm.of(e);
        for (double x = -1; x <= 1; x += 0.125) {
            assertEquals(e.evaluate(x), n.evaluate(x), 1e-12, "at " + x);
        }
    }
}

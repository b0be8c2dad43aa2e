package io.weights2eq.domain.decoding.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.ExpressionSyntaxException;
import org.junit.jupiter.api.Test;

class ExprOfTest {
    @Test
    void theSharedParsersTreeBecomesTheSameFunction() {
        String[] one = {"sin(x^2)*cos(x)-1", "log(x+1)+log(x^2+1)", "-2.5*exp(-x)+3", "3/(x+2)", "-x^2", "sqrt(x+2)"};
        for (String text : one) {
            var shared = ExpressionParser.parse(text, 1);
            Expr e = ExprOf.text(text, 1);
            for (double x = -0.9; x <= 0.9; x += 0.3) {
                assertEquals(shared.evaluate(x), e.eval(new double[] {x}), 1e-12, text + " at " + x);
            }
        }
        Expr two = ExprOf.text("2*sin(x1)*cos(x2)", 2);
        assertEquals(2 * Math.sin(0.3) * Math.cos(-0.7), two.eval(new double[] {0.3, -0.7}), 1e-15);
        // its constants are the decoder's to refit
        assertEquals(1, two.constants().length);
    }

    @Test
    void errorsAreTheParsersNamingThePosition() {
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class, () -> ExprOf.text("sin(x", 1));
        assertEquals(5, e.position());
    }
}

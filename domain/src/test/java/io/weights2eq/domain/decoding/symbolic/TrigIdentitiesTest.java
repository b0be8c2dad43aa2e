package io.weights2eq.domain.decoding.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrigIdentitiesTest {
    private static final double[][] ONE = {{-1}, {-0.3}, {0.2}, {0.9}};
    private static final double[][] TWO = {{-1, 0.5}, {-0.3, -0.8}, {0.2, 0.1}, {0.9, -0.4}};

    @Test
    void everyRegroupingIsTheSameFunction() {
        for (String text : new String[] {
            "1.2*sin(x)-2*cos(x+5.1)",
            "2*sin(x-3)^2-1",
            "x*sin(2*x)*cos(x)+3",
            "-0.7*cos(x)*cos(x+1)",
            "sin(x)/3+cos(x)"
        }) {
            assertSame(text, 1, ONE);
        }
        for (String text : new String[] {"2*sin(x1-x2)*sin(x2)+cos(x1)", "2*cos(x1)*cos(x1+x2)-cos(x2)"}) {
            assertSame(text, 2, TWO);
        }
    }

    @Test
    void twoSinusoidsOfOneArgumentAreOneAndItsPhaseMovesToAWholeNumber() {
        // sin(x+4) = sin(x)·cos 4 + cos(x)·sin 4
        Expr e = new Expr.Sum(List.of(
                new Expr.Product(new Expr.Const(Math.cos(4)), new Expr.Fn("sin", new Expr.Var(0, 1)), false),
                new Expr.Product(new Expr.Const(Math.sin(4)), new Expr.Fn("cos", new Expr.Var(0, 1)), false)));
        List<Expr> regrouped = TrigIdentities.of(e, 1);
        Expr one = regrouped.get(0);
        assertTrue(one.text().startsWith("sin(x-2.283185307179"), one.text()); // amplitude 1, phase 4 − 2π
        List<String> moved =
                Rewrites.of(one).stream().map(v -> Tidy.of(v).text()).toList();
        assertTrue(
                moved.stream().anyMatch(t -> t.matches(".*sin\\(x\\+(3\\.9999\\d*|4(\\.0+\\d*)?)\\)")),
                moved.toString());
    }

    @Test
    void aProductOfSinesIsASumOfCosinesWhoseLikeTermsCancel() {
        List<String> texts = TrigIdentities.of(ExprOf.text("2*sin(x1-x2)*sin(x2)+cos(x1)", 2), 2).stream()
                .map(Expr::text)
                .toList();
        assertTrue(texts.contains("cos(x1-2*x2)"), texts.toString());
        List<String> square = TrigIdentities.of(ExprOf.text("2*sin(x-3)^2-1", 1), 1).stream()
                .map(Expr::text)
                .toList();
        assertTrue(square.contains("-cos(2*x-6)"), square.toString());
    }

    private static void assertSame(String text, int inputs, double[][] points) {
        Expr e = ExprOf.text(text, inputs);
        List<Expr> variants = TrigIdentities.of(e, inputs);
        assertTrue(!variants.isEmpty(), text);
        for (Expr v : variants) {
            for (double[] p : points) {
                assertEquals(e.eval(p), v.eval(p), 1e-9, text + " as " + v.text());
            }
        }
    }
}

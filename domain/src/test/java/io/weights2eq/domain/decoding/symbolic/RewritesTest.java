package io.weights2eq.domain.decoding.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RewritesTest {
    private static final double[][] POINTS = {{-1}, {-0.3}, {0.2}, {0.9}};

    @Test
    void everyVariantIsTheSameFunction() {
        for (String text :
                new String[] {"0.37*exp(x)+x", "2.72*exp(-x)^2", "cos(x-2.28)", "-3*sin(x+2.43)*x", "sin(x)+cos(2*x+1)"
                }) {
            Expr e = ExprOf.text(text, 1);
            for (Expr v : Rewrites.of(e)) {
                for (double[] p : POINTS) {
                    assertEquals(e.eval(p), v.eval(p), 1e-12, text + " as " + v.text());
                }
            }
        }
    }

    @Test
    void aPhaseMovesOnlyWhereItLandsNearAWholeNumberAndAFactorMovesIntoTheExponential() {
        List<String> phases = Rewrites.of(ExprOf.text("cos(x-2.28)", 1)).stream()
                .map(v -> Tidy.of(v).text())
                .toList();
        assertTrue(phases.stream().anyMatch(t -> t.matches("cos\\(x\\+4\\.00\\d*\\)")), phases.toString());
        assertTrue(phases.stream().noneMatch(t -> t.contains("0.85")), phases.toString());
        // five quarter turns: -sin(u-2.858) is cos(u+5.0)
        List<String> far = Rewrites.of(ExprOf.text("-sin(x1-x2-2.858)", 2)).stream()
                .map(v -> Tidy.of(v).text())
                .toList();
        assertTrue(far.stream().anyMatch(t -> t.matches("cos\\(x1-x2\\+(4\\.99\\d*|5\\.00\\d*)\\)")), far.toString());
        assertEquals(
                List.of("exp(x-0.9942522733438669)"),
                Rewrites.of(ExprOf.text("0.37*exp(x)", 1)).stream()
                        .map(Expr::text)
                        .toList());
    }
}

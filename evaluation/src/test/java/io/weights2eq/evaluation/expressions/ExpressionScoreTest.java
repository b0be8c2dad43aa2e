package io.weights2eq.evaluation.expressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.NormalForm;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpressionScoreTest {
    private static final InputDomain ONE = InputDomain.unit(1);

    private static Expression truth(String text, int inputs) {
        return NormalForm.of(ExpressionParser.parse(text, inputs));
    }

    @Test
    void anEqualExpressionWrittenDifferentlyIsAnExactMatch() {
        ExpressionScore s = ExpressionScore.of(truth("x^2+2*x", 1), "x*x+2*x*1", ONE);
        assertTrue(s.parsed());
        assertTrue(s.exact());
        assertEquals(1.0, s.rSquared(), 1e-12);
    }

    @Test
    void aCloseButDifferentExpressionIsAccurateWithoutBeingExact() {
        ExpressionScore s = ExpressionScore.of(truth("sin(x)", 1), "x-0.16*x^3", ONE);
        assertFalse(s.exact());
        assertTrue(s.accurate(), "R² " + s.rSquared());
        assertTrue(s.rSquared() < 1);
    }

    @Test
    void aWrongOrUnparsableTextScoresNeitherExactNorAccurate() {
        ExpressionScore wrong = ExpressionScore.of(truth("exp(x)", 1), "cos(x)", ONE);
        assertFalse(wrong.exact());
        assertFalse(wrong.accurate());
        ExpressionScore broken = ExpressionScore.of(truth("exp(x)", 1), "exp(x", ONE);
        assertFalse(broken.parsed());
        assertEquals(Double.NEGATIVE_INFINITY, broken.rSquared());
    }

    @Test
    void twoInputsAreScoredOnTheirOwnDomain() {
        InputDomain domain = new InputDomain(List.of(new Interval(0, 1), new Interval(-2, 2)));
        Expression t = truth("2*sin(x1)*cos(x2)", 2);
        assertTrue(ExpressionScore.of(t, "2*cos(x2)*sin(x1)", domain).exact());
        // x1 and x2 swapped is another function on this domain
        ExpressionScore swapped = ExpressionScore.of(t, "2*sin(x2)*cos(x1)", domain);
        assertFalse(swapped.exact());
        assertFalse(swapped.accurate());
        // the grid spans the whole domain, ends included
        double[] grid = ExpressionScore.grid(domain);
        assertEquals(101 * 101 * 2, grid.length);
        assertEquals(0, grid[0]);
        assertEquals(-2, grid[1]);
        assertEquals(1, grid[grid.length - 2]);
        assertEquals(2, grid[grid.length - 1]);
    }

    @Test
    void aFunctionGivenPointByPointIsScoredAgainstTheTruth() {
        Expression t = truth("x^3", 1);
        assertEquals(1.0, ExpressionScore.rSquared(t, ONE, p -> p[0] * p[0] * p[0]), 1e-12);
        assertTrue(ExpressionScore.rSquared(t, ONE, p -> 0) <= 0);
    }

    @Test
    void theShapeCountsOperatorsAndNamesThem() {
        ExpressionShape s = ExpressionShape.of(truth("sin(x^2)*cos(x)-1", 1));
        // (sin(x^2)*cos(x)) + (-1): one +, one *, sin, ^, cos
        assertEquals(5, s.operators());
        assertEquals(Set.of("+", "*", "sin", "cos", "^"), s.kinds());
        assertEquals(0, ExpressionShape.of(truth("x", 1)).operators());
    }
}

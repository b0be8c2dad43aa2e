package io.weights2eq.domain.decoding.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TidyTest {
    private static final Expr X = new Expr.Var(0, 1);

    @Test
    void termsRoundedToZeroAreDroppedAndSignsFold() {
        Expr e = new Expr.Sum(List.of(
                new Expr.Product(new Expr.Const(-1), new Expr.Neg(new Expr.Fn("cos", X)), false),
                new Expr.Product(new Expr.Const(0), new Expr.Fn("sin", X), false),
                new Expr.Const(0)));
        assertEquals("--cos(x)+0*sin(x)+0", e.text());
        assertEquals("cos(x)", Tidy.of(e).text());
        assertEquals(
                "-2*x",
                Tidy.of(new Expr.Neg(new Expr.Product(new Expr.Const(2), X, false)))
                        .text());
        assertEquals("0", Tidy.of(new Expr.Sum(List.of(new Expr.Const(0)))).text());
    }

    @Test
    void aNegatedRightFactorIsWrittenSoThatTheParserReadsIt() {
        Expr e = new Expr.Product(X, new Expr.Neg(new Expr.Fn("sin", X)), false);
        assertEquals("x*(-sin(x))", e.text());
        assertEquals(e.eval(new double[] {0.3}), ExprOf.text(e.text(), 1).eval(new double[] {0.3}), 1e-15);
        assertEquals("x/(-2)", new Expr.Product(X, new Expr.Const(-2), true).text());
        // a right operand whose text starts with '-' although it is a product
        Expr nested = new Expr.Product(
                new Expr.Const(-2),
                new Expr.Product(new Expr.Neg(new Expr.Fn("sin", X)), new Expr.Fn("cos", X), false),
                false);
        assertEquals("-2*(-sin(x)*cos(x))", nested.text());
        assertEquals(
                nested.eval(new double[] {0.3}), ExprOf.text(nested.text(), 1).eval(new double[] {0.3}), 1e-15);
    }

    @Test
    void signsInsideProductsAndEvenPowersFoldAway() {
        Expr nested = new Expr.Product(
                new Expr.Const(-2),
                new Expr.Product(new Expr.Neg(new Expr.Fn("sin", X)), new Expr.Fn("cos", X), false),
                false);
        assertEquals("2*sin(x)*cos(x)", Tidy.of(nested).text());
        assertEquals(
                "sin(x)^2",
                Tidy.of(new Expr.Pow(new Expr.Neg(new Expr.Fn("sin", X)), 2)).text());
        assertEquals("-x^3", Tidy.of(new Expr.Pow(new Expr.Neg(X), 3)).text());
        assertEquals(
                "-(x/cos(x))",
                Tidy.of(new Expr.Product(X, new Expr.Neg(new Expr.Fn("cos", X)), true))
                        .text());
    }
}

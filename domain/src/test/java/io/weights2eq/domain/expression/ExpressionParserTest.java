package io.weights2eq.domain.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTest {

    @Test
    void readsPrecedenceAndAssociativityAsMathDoes() {
        assertEquals(-7.0, ExpressionParser.parse("1-2*3-2", 1).evaluate(0));
        assertEquals(-4.0, ExpressionParser.parse("-x^2", 1).evaluate(2));
        assertEquals(6.0, ExpressionParser.parse("12/4*2", 1).evaluate(0));
        assertEquals(1.5, ExpressionParser.parse("12/4/2", 1).evaluate(0));
        assertEquals(
                StrictMath.sin(0.5) * StrictMath.cos(0.25),
                ExpressionParser.parse("sin(x1)*cos(x2)", 2).evaluate(0.5, 0.25));
        assertEquals(
                StrictMath.log(3) + StrictMath.sqrt(2) + StrictMath.exp(1),
                ExpressionParser.parse("log(x+1)+sqrt(x)+exp(x-1)", 1).evaluate(2));
    }

    @Test
    void buildsTheTreeOfTheText() {
        Expression e = ExpressionParser.parse("2.50*x-3", 1);
        assertEquals(
                new Sum(List.of(
                        new Product(List.of(new Constant(new BigDecimal("2.5")), Variable.x())), Constant.of(-3))),
                e);
        assertEquals(new Power(new Variable(1, 2), 3), ExpressionParser.parse("x2^3", 2));
    }

    @ParameterizedTest(name = "{0}: position {1}")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            value = {
                "x+; 2; a number, a variable",
                "2*(x+1; 6; ')'",
                "x^7^2; 3; an operator other than '^'",
                "x^1; 2; a whole exponent from 2 to 64",
                "x^; 2; a whole exponent",
                "tan(x); 0; a number, a variable, a function (sin, cos, exp, log, sqrt)",
                "sin x; 3; '('",
                "x + 1; 1; an operator",
                "5.; 2; a digit after '.'",
                "x1; 1; an operator (+ - * / ^), ')' or end of input (one input: the variable is x)",
                "2x; 1; an operator",
                "x)+1; 1; '+', '-', '*', '/', '^' or end of input",
            })
    void errorsNameThePositionAndWhatWasExpected(String text, int position, String expected) {
        ExpressionSyntaxException e =
                assertThrows(ExpressionSyntaxException.class, () -> ExpressionParser.parse(text, 1));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.expected().startsWith(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("at position " + position + ": expected "), e.getMessage());
    }

    @Test
    void twoInputsNeedNumberedVariables() {
        ExpressionSyntaxException e =
                assertThrows(ExpressionSyntaxException.class, () -> ExpressionParser.parse("x+1", 2));
        assertEquals(1, e.position());
        assertTrue(e.expected().contains("x1 and x2"), e.getMessage());
        assertThrows(ExpressionSyntaxException.class, () -> ExpressionParser.parse("x3", 2));
    }

    @Test
    void aSpaceIsNamedAsSuch() {
        ExpressionSyntaxException e =
                assertThrows(ExpressionSyntaxException.class, () -> ExpressionParser.parse("x *2", 1));
        assertTrue(e.getMessage().endsWith("but found a space (the syntax has none)"), e.getMessage());
    }

    @Test
    void refusesTextsTooLongOrTooDeep() {
        String deep = "(".repeat(ExpressionParser.MAX_DEPTH + 1) + "x" + ")".repeat(ExpressionParser.MAX_DEPTH + 1);
        ExpressionSyntaxException tooDeep =
                assertThrows(ExpressionSyntaxException.class, () -> ExpressionParser.parse(deep, 1));
        assertEquals(ExpressionParser.MAX_DEPTH, tooDeep.position());
        String longText = "x" + "+x".repeat(ExpressionParser.MAX_LENGTH);
        ExpressionSyntaxException tooLong =
                assertThrows(ExpressionSyntaxException.class, () -> ExpressionParser.parse(longText, 1));
        assertTrue(tooLong.getMessage().contains("at most 1000 characters"), tooLong.getMessage());
    }
}

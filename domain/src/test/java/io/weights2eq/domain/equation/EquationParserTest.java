package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EquationParserTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -2.5*x*x+3*x-0.75     | -2.5*x*x+3*x-0.75
            x*x*2.5               | 2.5*x*x
            x*2.5*x               | 2.5*x*x
            +3*x                  | 3*x
            -0.75+3*x-2.5*x*x     | -2.5*x*x+3*x-0.75
            3-1*x*x+2*x           | -1*x*x+2*x+3
            x                     | 1*x
            -x*x                  | -1*x*x
            +x                    | 1*x
            0*x                   | 0
            0*x+1                 | 1
            0                     | 0
            -0                    | 0
            0.000                 | 0
            .5                    | 0.5
            -.25*x                | -0.25*x
            0.50*x                | 0.5*x
            2.50*x*x              | 2.5*x*x
            1.000                 | 1
            007                   | 7
            100*x                 | 100*x
            x+x                   | 2*x
            x-x                   | 0
            2.5*x*x-2.5*x*x+1     | 1
            0.1+0.2               | 0.3
            x*x*x                 | 1*x*x*x
            1*x*x*x*x-1           | 1*x*x*x*x-1
            5*x*x-0.05*x*x*x*x*x  | -0.05*x*x*x*x*x+5*x*x
            -5+x*x+5              | 1*x*x
            """)
    void acceptsEquivalentForms(String text, String canonical) {
        Polynomial p = EquationParser.parse(text);
        assertEquals(canonical, p.toCanonicalText());
        assertEquals(p, EquationParser.parse(canonical));
    }

    static Stream<Arguments> invalidTexts() {
        return Stream.of(
                Arguments.of("", 0, "a number or 'x'"),
                Arguments.of("2*", 2, "'x'"),
                Arguments.of("2+", 2, "a number or 'x'"),
                Arguments.of("2*x-", 4, "a number or 'x'"),
                Arguments.of("-", 1, "a number or 'x'"),
                Arguments.of("++x", 1, "a number or 'x'"),
                Arguments.of("+-x", 1, "a number or 'x'"),
                Arguments.of("2**x", 2, "'x'"),
                Arguments.of("x**2", 2, "a number or 'x'"),
                Arguments.of("x*x*", 4, "a number or 'x'"),
                Arguments.of("2*3*x", 2, "at most one number"),
                Arguments.of("x*2*3", 4, "at most one number"),
                Arguments.of("2*x*y", 4, "'x'"),
                Arguments.of("5.", 2, "a digit after '.'"),
                Arguments.of("5.*x", 2, "a digit after '.'"),
                Arguments.of(".", 1, "a digit after '.'"),
                Arguments.of("2x", 1, "'*', '+', '-' or end of input"),
                Arguments.of("xx", 1, "'*', '+', '-' or end of input"),
                Arguments.of("1.2.3", 3, "'*', '+', '-' or end of input"),
                Arguments.of("x^2", 1, "'*', '+', '-' or end of input"),
                Arguments.of("1e5", 1, "'*', '+', '-' or end of input"),
                Arguments.of("2 *x", 1, "'*', '+', '-' or end of input"),
                Arguments.of(" 2", 0, "a number or 'x'"),
                Arguments.of("\t2", 0, "a number or 'x'"),
                Arguments.of("y", 0, "a number or 'x'"),
                Arguments.of("2*X", 2, "'x'"),
                Arguments.of("x*X", 2, "a number or 'x'"),
                Arguments.of("(x)", 0, "a number or 'x'"),
                Arguments.of("3*x=1", 3, "'*', '+', '-' or end of input"),
                Arguments.of("1" + "+1".repeat(128), 256, "the limit is 256 characters"));
    }

    @ParameterizedTest(name = "[{index}] {0} fails at {1}")
    @MethodSource("invalidTexts")
    void rejectsWithPositionAndExpectation(String text, int position, String expected) {
        EquationSyntaxException e = assertThrows(EquationSyntaxException.class, () -> EquationParser.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.expected().contains(expected), e.expected());
        assertTrue(
                e.getMessage().startsWith("at position " + position + ": expected " + e.expected() + " but found "),
                e.getMessage());
    }

    @Test
    void messagesNameWhatWasFound() {
        assertEquals(
                "at position 1: expected '*', '+', '-' or end of input but found 'x'",
                assertThrows(EquationSyntaxException.class, () -> EquationParser.parse("2x"))
                        .getMessage());
        assertEquals(
                "at position 4: expected a number or 'x' but found end of input",
                assertThrows(EquationSyntaxException.class, () -> EquationParser.parse("2*x+"))
                        .getMessage());
        assertEquals(
                "at position 2: expected a number or 'x' but found '*'",
                assertThrows(EquationSyntaxException.class, () -> EquationParser.parse("x**2"))
                        .getMessage());
        assertEquals(
                "at position 2: expected 'x' but found '*'",
                assertThrows(EquationSyntaxException.class, () -> EquationParser.parse("2**x"))
                        .getMessage(),
                "after a number only 'x' may follow in the same term");
        assertTrue(assertThrows(EquationSyntaxException.class, () -> EquationParser.parse("2 *x"))
                .getMessage()
                .endsWith("but found a space (the language has no whitespace)"));
        assertTrue(assertThrows(EquationSyntaxException.class, () -> EquationParser.parse("2\u00e9"))
                .getMessage()
                .endsWith("but found character U+00E9"));
        assertEquals(
                0,
                assertThrows(EquationSyntaxException.class, () -> EquationParser.parse(null))
                        .position());
    }

    @Test
    void isAnIllegalArgumentException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EquationParser.parse("*"));
        assertTrue(e instanceof EquationSyntaxException);
    }

    @Test
    void acceptsTextsUpToTheLimit() {
        String text = "10" + "+1".repeat(127);
        assertEquals(EquationParser.MAX_LENGTH, text.length());
        assertEquals("137", EquationParser.parse(text).toCanonicalText());
    }
}

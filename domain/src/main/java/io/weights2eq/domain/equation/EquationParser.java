package io.weights2eq.domain.equation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads any reasonable spelling of a polynomial, not only the canonical one, so that people and models can write
 * {@code x*x*2.5}, {@code +3*x-x} or {@code x+x} and get the same {@link Polynomial} as from its canonical text.
 *
 * <p>Grammar (no whitespace anywhere: the language has no space symbol):
 * <pre>
 * equation := [sign] term (sign term)*
 * sign     := '+' | '-'
 * term     := factor ('*' factor)*          at most one factor may be a number
 * factor   := number | 'x'
 * number   := digit+ ['.' digit+] | '.' digit+
 * </pre>
 * Decisions, so that every accepted text has one obvious meaning:
 * <ul>
 *   <li>{@code .5} is accepted (it reads unambiguously as 0.5); {@code 5.} is rejected, a {@code .} must be
 *       followed by a digit.</li>
 *   <li>A term with no number has coefficient 1 ({@code x}, {@code -x*x}); factors may come in any order.</li>
 *   <li>Two numbers in one term ({@code 2*3*x}) are rejected rather than multiplied: it is never the spelling
 *       of anything a model should produce and is most likely a typo.</li>
 *   <li>Terms of the same power are summed ({@code x+x} is {@code 2*x}); zero terms ({@code 0*x}) are allowed.</li>
 *   <li>Texts longer than {@value #MAX_LENGTH} characters are rejected before parsing, to bound the work done on
 *       untrusted input.</li>
 * </ul>
 */
public final class EquationParser {

    /** Longest accepted text; generous for degree ≤ 4 equations, short enough to bound work on untrusted input. */
    public static final int MAX_LENGTH = 256;

    private static final String AFTER_FACTOR = "'*', '+', '-' or end of input";
    private static final String FACTOR = "a number or 'x'";
    private static final String SECOND_NUMBER = "'x' (a term has at most one number)";
    private static final String DIGIT_AFTER_POINT = "a digit after '.'";

    private final String text;
    private int pos;
    private final List<BigDecimal> sums = new ArrayList<>();

    private EquationParser(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text} into a polynomial.
     *
     * @throws EquationSyntaxException if the text is not an equation of the language; it names the position and
     *                                 what was expected there
     */
    public static Polynomial parse(String text) {
        if (text == null) {
            throw new EquationSyntaxException(0, FACTOR, "no text (null)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new EquationSyntaxException(
                    MAX_LENGTH,
                    "end of input (the limit is " + MAX_LENGTH + " characters)",
                    describe(text.charAt(MAX_LENGTH)));
        }
        return new EquationParser(text).equation();
    }

    private Polynomial equation() {
        boolean negative = false;
        if (peek() == '+' || peek() == '-') {
            negative = text.charAt(pos++) == '-';
        }
        while (true) {
            term(negative);
            if (pos == text.length()) {
                return Polynomial.of(sums.toArray(new BigDecimal[0]));
            }
            char c = text.charAt(pos);
            if (c != '+' && c != '-') {
                throw error(AFTER_FACTOR);
            }
            negative = c == '-';
            pos++;
        }
    }

    private void term(boolean negative) {
        int power = 0;
        BigDecimal number = null;
        do {
            char c = peek();
            if (c == 'x') {
                pos++;
                power++;
            } else if (isDigit(c) || c == '.') {
                if (number != null) {
                    throw error(SECOND_NUMBER);
                }
                number = number();
            } else {
                throw error(number == null ? FACTOR : "'x'");
            }
        } while (consume('*'));
        BigDecimal coefficient = number == null ? BigDecimal.ONE : number;
        add(power, negative ? coefficient.negate() : coefficient);
    }

    private BigDecimal number() {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        if (consume('.')) {
            if (!isDigit(peek())) {
                throw error(DIGIT_AFTER_POINT);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private void add(int power, BigDecimal coefficient) {
        while (sums.size() <= power) {
            sums.add(BigDecimal.ZERO);
        }
        sums.set(power, sums.get(power).add(coefficient));
    }

    /** The next character, or {@code 0} at the end (never a valid symbol). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private EquationSyntaxException error(String expected) {
        String found = pos < text.length() ? describe(text.charAt(pos)) : "end of input";
        return new EquationSyntaxException(pos, expected, found);
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space (the language has no whitespace)";
        }
        if (Character.isWhitespace(c)) {
            return String.format("whitespace U+%04X (the language has no whitespace)", (int) c);
        }
        if (c > ' ' && c < 127) {
            return "'" + c + "'";
        }
        return String.format("character U+%04X", (int) c);
    }
}

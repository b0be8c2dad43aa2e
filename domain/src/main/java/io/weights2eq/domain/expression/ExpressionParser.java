package io.weights2eq.domain.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the language's plain-math syntax into a tree (not yet normalised: see {@link NormalForm}).
 *
 * <pre>
 * sum     := term (('+' | '-') term)*
 * term    := ['-'] power (('*' | '/') power)*       left to right: a/b*c is (a/b)*c
 * power   := primary ['^' exponent]                  exponent: a whole number 2..64, no sign
 * primary := number | variable | function '(' sum ')' | '(' sum ')'
 * number  := digit+ ['.' digit+]
 * variable:= 'x' (one input) | 'x1' | 'x2' (two inputs)
 * function:= 'sin' | 'cos' | 'exp' | 'log' | 'sqrt'
 * </pre>
 * No spaces; a leading {@code -} negates its whole term ({@code -x^2} is {@code -(x^2)}); {@code x^2^3} needs
 * parentheses. Texts over {@value #MAX_LENGTH} characters or nested deeper than {@value #MAX_DEPTH} are refused
 * before they cost anything.
 */
public final class ExpressionParser {

    /** Expressions are functions of one input ({@code x}) or two ({@code x1}, {@code x2}). */
    public static final int MAX_INPUTS = 2;

    public static final int MAX_LENGTH = 1000;
    public static final int MAX_DEPTH = 50;

    private static final String OPERAND = "a number, a variable, a function (sin, cos, exp, log, sqrt) or '('";
    private static final String OPERATOR = "an operator (+ - * / ^), ')' or end of input";

    private final String text;
    private final int inputs;
    private int pos;
    private int depth;

    private ExpressionParser(String text, int inputs) {
        this.text = text;
        this.inputs = inputs;
    }

    /**
     * @param inputs 1 (the variable is {@code x}) or 2 ({@code x1}, {@code x2})
     * @throws ExpressionSyntaxException naming the 0-based position and what was expected there
     */
    public static Expression parse(String text, int inputs) {
        if (inputs < 1 || inputs > MAX_INPUTS) {
            throw new IllegalArgumentException("inputs must be between 1 and " + MAX_INPUTS + ", was " + inputs);
        }
        if (text == null) {
            throw new ExpressionSyntaxException(0, OPERAND, "no text (null)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionSyntaxException(
                    MAX_LENGTH, "at most " + MAX_LENGTH + " characters", text.length() + " characters");
        }
        ExpressionParser parser = new ExpressionParser(text, inputs);
        Expression e = parser.sum();
        if (parser.pos < text.length()) {
            throw parser.error(parser.peek() == ')' ? "'+', '-', '*', '/', '^' or end of input" : OPERATOR);
        }
        return e;
    }

    private Expression sum() {
        List<Expression> terms = new ArrayList<>();
        terms.add(term());
        while (peek() == '+' || peek() == '-') {
            boolean minus = text.charAt(pos++) == '-';
            Expression t = term();
            terms.add(minus ? Negation.of(t) : t);
        }
        return terms.size() == 1 ? terms.get(0) : new Sum(terms);
    }

    private Expression term() {
        boolean negative = accept('-');
        List<Expression> factors = new ArrayList<>();
        factors.add(power());
        while (peek() == '*' || peek() == '/') {
            if (text.charAt(pos++) == '*') {
                factors.add(power());
            } else {
                Expression numerator = productOf(factors);
                factors.clear();
                factors.add(new Quotient(numerator, power()));
            }
        }
        Expression t = productOf(factors);
        return negative ? Negation.of(t) : t;
    }

    private static Expression productOf(List<Expression> factors) {
        return factors.size() == 1 ? factors.get(0) : new Product(factors);
    }

    private Expression power() {
        Expression base = primary();
        if (!accept('^')) {
            return base;
        }
        int start = pos;
        while (Character.isDigit(peek())) {
            pos++;
        }
        String digits = text.substring(start, pos);
        int exponent = digits.isEmpty() || digits.length() > 2 ? -1 : Integer.parseInt(digits);
        if (exponent < 2 || exponent > Power.MAX_EXPONENT) {
            pos = start;
            throw error("a whole exponent from 2 to " + Power.MAX_EXPONENT + " after '^'");
        }
        if (peek() == '^') {
            throw error("an operator other than '^' (write (x^2)^3 for a power of a power)");
        }
        return new Power(base, exponent);
    }

    private Expression primary() {
        char c = peek();
        if (c == '(') {
            pos++;
            Expression e = nested();
            expect(')');
            return e;
        }
        if (Character.isDigit(c)) {
            return number();
        }
        if (c >= 'a' && c <= 'z') {
            return named();
        }
        throw error(OPERAND);
    }

    private Expression nested() {
        if (++depth > MAX_DEPTH) {
            pos--;
            throw error("at most " + MAX_DEPTH + " nested parentheses or calls");
        }
        Expression e = sum();
        depth--;
        return e;
    }

    private Expression number() {
        int start = pos;
        while (Character.isDigit(peek())) {
            pos++;
        }
        if (peek() == '.') {
            pos++;
            if (!Character.isDigit(peek())) {
                throw error("a digit after '.'");
            }
            while (Character.isDigit(peek())) {
                pos++;
            }
        }
        return new Constant(new BigDecimal(text.substring(start, pos)));
    }

    private Expression named() {
        int start = pos;
        while (peek() >= 'a' && peek() <= 'z') {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.equals("x")) {
            return variable(start);
        }
        var function = ElementaryFunction.named(name);
        if (function.isEmpty()) {
            pos = start;
            throw error(OPERAND);
        }
        expect('(');
        Expression argument = nested();
        expect(')');
        return new Call(function.get(), argument);
    }

    private Expression variable(int start) {
        if (inputs == 1) {
            if (Character.isDigit(peek())) {
                throw error(OPERATOR + " (one input: the variable is x)");
            }
            return Variable.x();
        }
        char digit = peek();
        if (digit != '1' && digit != '2') {
            throw error("'1' or '2' after 'x' (two inputs: the variables are x1 and x2)");
        }
        pos++;
        return new Variable(digit - '1', inputs);
    }

    private boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("'" + c + "'");
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private ExpressionSyntaxException error(String expected) {
        String found = pos >= text.length()
                ? "end of input"
                : text.charAt(pos) == ' ' ? "a space (the syntax has none)" : "'" + text.charAt(pos) + "'";
        return new ExpressionSyntaxException(pos, expected, found);
    }
}

package io.weights2eq.domain.decoding.symbolic;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads candidate texts in the shared syntax (docs/domain.md) into the decoder's {@link Expr}: the hybrid's hook
 * for candidates from elsewhere. A stand-in until the shared parser of {@code domain/expression} replaces it at the
 * merge; errors name the position.
 */
final class ExpressionReader {
    private static final int MAX_LENGTH = 256;
    private final String text;
    private final int inputs;
    private int pos;

    private ExpressionReader(String text, int inputs) {
        this.text = text;
        this.inputs = inputs;
    }

    /** @throws IllegalArgumentException naming the position and what was expected */
    static Expr read(String text, int inputs) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("expression: 1 to " + MAX_LENGTH + " characters, was " + text.length());
        }
        ExpressionReader r = new ExpressionReader(text, inputs);
        Expr e = r.sum();
        if (r.pos != text.length()) {
            throw r.error("an operator or end of input");
        }
        return e;
    }

    private Expr sum() {
        List<Expr> terms = new ArrayList<>();
        terms.add(product());
        while (peek() == '+' || peek() == '-') {
            boolean minus = text.charAt(pos++) == '-';
            Expr t = product();
            terms.add(minus ? new Expr.Neg(t) : t);
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.Sum(terms);
    }

    private Expr product() {
        Expr e = unary();
        while (peek() == '*' || peek() == '/') {
            boolean divide = text.charAt(pos++) == '/';
            e = new Expr.Product(e, unary(), divide);
        }
        return e;
    }

    private Expr unary() {
        if (peek() == '-') {
            pos++;
            Expr operand = unary();
            return operand instanceof Expr.Const c ? new Expr.Const(-c.value()) : new Expr.Neg(operand);
        }
        Expr base = atom();
        if (peek() == '^') {
            pos++;
            int start = pos;
            char c = peek();
            if (c < '2' || c > '6') {
                throw error("an exponent 2 to 6");
            }
            pos++;
            if (Character.isDigit(peek())) {
                pos = start;
                throw error("an exponent 2 to 6");
            }
            return new Expr.Pow(base, c - '0');
        }
        return base;
    }

    private Expr atom() {
        char c = peek();
        if (Character.isDigit(c)) {
            int start = pos;
            while (Character.isDigit(peek())) {
                pos++;
            }
            if (peek() == '.') {
                pos++;
                if (!Character.isDigit(peek())) {
                    throw error("a digit");
                }
                while (Character.isDigit(peek())) {
                    pos++;
                }
            }
            return new Expr.Const(Double.parseDouble(text.substring(start, pos)));
        }
        if (c == '(') {
            pos++;
            Expr e = sum();
            expect(')');
            return e;
        }
        if (c == 'x') {
            pos++;
            if (inputs == 1) {
                return new Expr.Var(0, 1);
            }
            char d = peek();
            if (d != '1' && d != '2') {
                throw error("x1 or x2 (two inputs)");
            }
            pos++;
            return new Expr.Var(d - '1', inputs);
        }
        for (String name : Expr.Fn.NAMES) {
            if (text.startsWith(name + "(", pos)) {
                pos += name.length() + 1;
                Expr arg = sum();
                expect(')');
                return new Expr.Fn(name, arg);
            }
        }
        throw error("a number, a variable, a function or '('");
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private IllegalArgumentException error(String expected) {
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of input";
        return new IllegalArgumentException(
                "expression: at position " + pos + ": expected " + expected + " but found " + found);
    }
}

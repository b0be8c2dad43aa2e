package io.weights2eq.domain.expression;

import java.util.List;

/**
 * Prints a tree in the language's syntax with only the parentheses it needs, so that the text of a normal form
 * parses back to the very same tree: terms that are negative print their own {@code -}, a product's leading
 * {@code -1} prints as a sign, and a factor, base or denominator is parenthesised where the grammar would read it
 * differently. No spaces.
 */
public final class ExpressionText {

    private ExpressionText() {}

    public static String of(Expression e) {
        StringBuilder out = new StringBuilder();
        write(e, out);
        return out.toString();
    }

    private static void write(Expression e, StringBuilder out) {
        if (e instanceof Constant c) {
            out.append(c.value().toPlainString());
        } else if (e instanceof Variable v) {
            out.append(v.name());
        } else if (e instanceof Sum s) {
            writeSum(s.terms(), out);
        } else if (e instanceof Product p) {
            writeProduct(p.factors(), out);
        } else if (e instanceof Quotient q) {
            writeWrapped(q.numerator(), q.numerator() instanceof Sum, out);
            out.append('/');
            writeWrapped(q.denominator(), !isAtomic(q.denominator()) && !(q.denominator() instanceof Power), out);
        } else if (e instanceof Power p) {
            writeWrapped(p.base(), !isAtomic(p.base()), out);
            out.append('^').append(p.exponent());
        } else if (e instanceof Call c) {
            out.append(c.function().text()).append('(');
            write(c.argument(), out);
            out.append(')');
        }
    }

    private static void writeSum(List<Expression> terms, StringBuilder out) {
        for (int i = 0; i < terms.size(); i++) {
            String term = of(terms.get(i));
            if (i > 0 && !term.startsWith("-")) {
                out.append('+');
            }
            out.append(term);
        }
    }

    private static void writeProduct(List<Expression> factors, StringBuilder out) {
        int first = 0;
        if (factors.get(0) instanceof Constant c
                && c.value().equals(Constant.of(-1).value())) {
            out.append('-');
            first = 1;
        }
        for (int i = first; i < factors.size(); i++) {
            Expression f = factors.get(i);
            if (i > first) {
                out.append('*');
            }
            boolean wrap = f instanceof Sum
                    || f instanceof Product
                    || (i > 0 && (f instanceof Quotient || isNegativeConstant(f)));
            writeWrapped(f, wrap, out);
        }
    }

    private static void writeWrapped(Expression e, boolean wrap, StringBuilder out) {
        if (wrap) {
            out.append('(');
        }
        write(e, out);
        if (wrap) {
            out.append(')');
        }
    }

    /** Reads as one operand anywhere: a variable, a call, a constant that is not negative. */
    private static boolean isAtomic(Expression e) {
        return e instanceof Variable || e instanceof Call || (e instanceof Constant && !isNegativeConstant(e));
    }

    private static boolean isNegativeConstant(Expression e) {
        return e instanceof Constant c && c.value().signum() < 0;
    }
}

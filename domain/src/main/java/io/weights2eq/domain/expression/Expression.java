package io.weights2eq.domain.expression;

import java.util.List;

/**
 * An immutable expression tree. Equality is structural (records), so two trees are equal when they are built the
 * same way; {@link NormalForm#of(Expression)} makes equal functions written differently into one tree.
 */
public sealed interface Expression permits Constant, Variable, Sum, Product, Quotient, Power, Call {

    /** The value at one point, in double arithmetic; {@code inputs[i]} is the value of input i. */
    double evaluate(double... inputs);

    /** The text in the language's syntax ({@link ExpressionText}); of a normal form, its canonical text. */
    default String toText() {
        return ExpressionText.of(this);
    }

    /** The direct subtrees, left to right (none for a constant or a variable). */
    default List<Expression> children() {
        if (this instanceof Sum s) {
            return s.terms();
        }
        if (this instanceof Product p) {
            return p.factors();
        }
        if (this instanceof Quotient q) {
            return List.of(q.numerator(), q.denominator());
        }
        if (this instanceof Power p) {
            return List.of(p.base());
        }
        if (this instanceof Call c) {
            return List.of(c.argument());
        }
        return List.of();
    }
}

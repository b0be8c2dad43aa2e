package io.weights2eq.domain.expression;

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
}

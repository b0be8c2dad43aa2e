package io.weights2eq.domain.expression;

/**
 * Input {@code index} (0-based) of an expression of {@code inputs} inputs: written {@code x} when there is one
 * input, {@code x1}, {@code x2} when there are two (so a tree prints without being told the input count).
 */
public record Variable(int index, int inputs) implements Expression {

    public Variable {
        if (inputs < 1 || inputs > ExpressionParser.MAX_INPUTS) {
            throw new IllegalArgumentException(
                    "variable: inputs must be between 1 and " + ExpressionParser.MAX_INPUTS + ", was " + inputs);
        }
        if (index < 0 || index >= inputs) {
            throw new IllegalArgumentException(
                    "variable: index must be between 0 and " + (inputs - 1) + ", was " + index);
        }
    }

    /** {@code x}, the input of a one-input expression. */
    public static Variable x() {
        return new Variable(0, 1);
    }

    /** The name as written: {@code x}, {@code x1} or {@code x2}. */
    public String name() {
        return inputs == 1 ? "x" : "x" + (index + 1);
    }

    @Override
    public double evaluate(double... values) {
        return values[index];
    }
}

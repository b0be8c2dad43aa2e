package io.weights2eq.domain.expression;

/** {@code numerator / denominator}. */
public record Quotient(Expression numerator, Expression denominator) implements Expression {

    public Quotient {
        if (numerator == null || denominator == null) {
            throw new IllegalArgumentException("quotient: numerator and denominator must be set");
        }
    }

    @Override
    public double evaluate(double... inputs) {
        return numerator.evaluate(inputs) / denominator.evaluate(inputs);
    }
}

package io.weights2eq.domain.expression;

import java.util.List;

/** {@code factors[0] * factors[1] * ...}; a leading constant is the coefficient ({@code -1} prints as a sign). */
public record Product(List<Expression> factors) implements Expression {

    public Product {
        factors = List.copyOf(factors);
        if (factors.size() < 2) {
            throw new IllegalArgumentException("product: at least 2 factors, was " + factors.size());
        }
    }

    @Override
    public double evaluate(double... inputs) {
        double product = 1;
        for (Expression factor : factors) {
            product *= factor.evaluate(inputs);
        }
        return product;
    }
}

package io.weights2eq.domain.expression;

import java.util.List;

/** {@code terms[0] + terms[1] + ...}; a subtraction is the sum with the negated term ({@link Negation}). */
public record Sum(List<Expression> terms) implements Expression {

    public Sum {
        terms = List.copyOf(terms);
        if (terms.size() < 2) {
            throw new IllegalArgumentException("sum: at least 2 terms, was " + terms.size());
        }
    }

    @Override
    public double evaluate(double... inputs) {
        double sum = 0;
        for (Expression term : terms) {
            sum += term.evaluate(inputs);
        }
        return sum;
    }
}

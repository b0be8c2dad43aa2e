package io.weights2eq.domain.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * The one way a tree is negated, shared by the parser ({@code -a}, {@code a-b}) and the normal form, so that the
 * canonical text {@code x-2*x^2} parses back to the very tree it was printed from: a constant changes sign, a
 * product's leading constant changes sign (or a {@code -1} is put in front), a quotient negates its numerator.
 */
final class Negation {

    private Negation() {}

    static Expression of(Expression e) {
        if (e instanceof Constant c) {
            return new Constant(c.value().negate());
        }
        if (e instanceof Quotient q) {
            return new Quotient(of(q.numerator()), q.denominator());
        }
        List<Expression> factors = new ArrayList<>();
        if (e instanceof Product p && p.factors().get(0) instanceof Constant c) {
            factors.addAll(p.factors());
            factors.set(0, new Constant(c.value().negate()));
            return new Product(factors);
        }
        factors.add(Constant.of(-1));
        if (e instanceof Product p) {
            factors.addAll(p.factors());
        } else {
            factors.add(e);
        }
        return new Product(factors);
    }
}

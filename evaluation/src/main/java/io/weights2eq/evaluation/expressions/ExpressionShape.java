package io.weights2eq.evaluation.expressions;

import io.weights2eq.domain.expression.Call;
import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.Power;
import io.weights2eq.domain.expression.Product;
import io.weights2eq.domain.expression.Quotient;
import io.weights2eq.domain.expression.Sum;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the report groups results by: the size of a normal form (its operators: a sum of k terms has k − 1, a
 * product of k factors k − 1, a quotient, power or function 1 each) and the operators it uses ({@code + * / ^} and
 * the function names; a subtraction is a sum).
 */
public record ExpressionShape(int operators, Set<String> kinds) {

    public static ExpressionShape of(Expression e) {
        Set<String> kinds = new TreeSet<>();
        int operators = count(e, kinds);
        return new ExpressionShape(operators, Set.copyOf(kinds));
    }

    private static int count(Expression e, Set<String> kinds) {
        if (e instanceof Sum s) {
            kinds.add("+");
            return s.terms().size() - 1 + children(s.terms(), kinds);
        }
        if (e instanceof Product p) {
            kinds.add("*");
            return p.factors().size() - 1 + children(p.factors(), kinds);
        }
        if (e instanceof Quotient q) {
            kinds.add("/");
            return 1 + count(q.numerator(), kinds) + count(q.denominator(), kinds);
        }
        if (e instanceof Power p) {
            kinds.add("^");
            return 1 + count(p.base(), kinds);
        }
        if (e instanceof Call c) {
            kinds.add(c.function().text());
            return 1 + count(c.argument(), kinds);
        }
        return 0; // a constant or a variable
    }

    private static int children(Iterable<Expression> children, Set<String> kinds) {
        int n = 0;
        for (Expression child : children) {
            n += count(child, kinds);
        }
        return n;
    }
}

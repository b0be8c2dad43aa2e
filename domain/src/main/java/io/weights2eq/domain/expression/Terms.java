package io.weights2eq.domain.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The working form of {@link NormalForm}: an expanded sum of exact coefficients times {@link Monomial}s, like
 * terms collected; a term over a constant is a fraction in lowest terms ({@code x+x/3} is {@code 4*x/3},
 * {@code 0.5*x/3} is {@code x/6}), written as a decimal where it is one. Immutable; zero coefficients are never stored.
 */
record Terms(Map<Monomial, BigDecimal> coefficients) {

    /** Bounds the work of expanding untrusted input; far above what the family's token limit lets through. */
    static final int MAX_TERMS = 200;

    Terms {
        coefficients = Map.copyOf(coefficients);
        if (coefficients.size() > MAX_TERMS) {
            throw new NormalFormException("more than " + MAX_TERMS + " terms after expansion");
        }
    }

    static Terms constant(BigDecimal value) {
        return value.signum() == 0 ? new Terms(Map.of()) : new Terms(Map.of(Monomial.ONE, Constant.normalise(value)));
    }

    static Terms atom(Expression atom) {
        return new Terms(Map.of(Monomial.of(atom), BigDecimal.ONE));
    }

    boolean isConstant() {
        return coefficients.isEmpty() || (coefficients.size() == 1 && coefficients.containsKey(Monomial.ONE));
    }

    /** The value of a constant; only for {@link #isConstant()}. */
    BigDecimal constantValue() {
        return coefficients.getOrDefault(Monomial.ONE, BigDecimal.ZERO);
    }

    /** The coefficient of the first term in {@link Monomial#TERM_ORDER} (0 for zero). */
    BigDecimal leadingCoefficient() {
        return coefficients.isEmpty()
                ? BigDecimal.ZERO
                : coefficients.get(sortedMonomials().get(0));
    }

    /** Every coefficient divided by {@code divisor}, or null where one quotient is not an exact decimal. */
    Terms dividedExactly(BigDecimal divisor) {
        Map<Monomial, BigDecimal> divided = new HashMap<>();
        try {
            coefficients.forEach((m, c) -> divided.put(m, c.divide(divisor)));
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
        return collected(divided);
    }

    Terms plus(Terms other) {
        Map<Monomial, BigDecimal> sum = new HashMap<>(coefficients);
        other.coefficients.forEach((m, c) -> sum.merge(m, c, BigDecimal::add));
        return collected(sum);
    }

    Terms times(Terms other) {
        if ((long) coefficients.size() * other.coefficients.size() > (long) MAX_TERMS * MAX_TERMS) {
            throw new NormalFormException("more than " + MAX_TERMS + " terms after expansion");
        }
        Map<Monomial, BigDecimal> product = new HashMap<>();
        coefficients.forEach((m1, c1) -> other.coefficients.forEach((m2, c2) -> {
            Monomial powers = m1.timesPowers(m2);
            BigDecimal c = c1.multiply(c2);
            if (m1.denominator() == null && m2.denominator() == null) {
                product.merge(powers, c, BigDecimal::add);
            } else {
                Terms denominator = m1.denominator() == null
                        ? m2.denominator()
                        : m2.denominator() == null
                                ? m1.denominator()
                                : m1.denominator().times(m2.denominator());
                reciprocal(denominator)
                        .coefficients
                        .forEach((r, rc) -> product.merge(
                                new Monomial(powers.powers(), r.denominator()), c.multiply(rc), BigDecimal::add));
            }
        }));
        return squareRootsSquaredOut(collected(product));
    }

    /** {@code sqrt(u)^2} is {@code u} where it is defined: a term's square roots keep at most the power 1. */
    private static Terms squareRootsSquaredOut(Terms t) {
        boolean any = t.coefficients.keySet().stream().anyMatch(m -> squaredRoot(m) != null);
        if (!any) {
            return t;
        }
        Terms result = constant(BigDecimal.ZERO);
        for (Map.Entry<Monomial, BigDecimal> term : t.coefficients.entrySet()) {
            Monomial m = term.getKey();
            Expression root = squaredRoot(m);
            if (root == null) {
                result = result.plus(new Terms(Map.of(m, term.getValue())));
                continue;
            }
            int k = m.powers().get(root);
            Map<Expression, Integer> powers = new HashMap<>(m.powers());
            if (k % 2 == 0) {
                powers.remove(root);
            } else {
                powers.put(root, 1);
            }
            Terms rest = new Terms(Map.of(new Monomial(powers, m.denominator()), term.getValue()));
            result = result.plus(
                    rest.times(NormalForm.terms(((Call) root).argument()).power(k / 2)));
        }
        return result;
    }

    private static Expression squaredRoot(Monomial m) {
        for (Map.Entry<Expression, Integer> atom : m.powers().entrySet()) {
            if (atom.getValue() >= 2 && atom.getKey() instanceof Call c && c.function() == ElementaryFunction.SQRT) {
                return atom.getKey();
            }
        }
        return null;
    }

    Terms power(int exponent) {
        Terms result = this;
        for (int i = 1; i < exponent; i++) {
            result = result.times(this);
        }
        return result;
    }

    Terms negate() {
        return times(constant(BigDecimal.ONE.negate()));
    }

    /**
     * {@code 1/d} as one term: an exact reciprocal of a constant folds (1/4 is 0.25); otherwise the denominator's
     * sign and, where its reciprocal is exact, its leading coefficient move to the numerator, so that
     * {@code 1/(2*x+2)} and {@code 0.5/(x+1)} meet.
     *
     * @throws NormalFormException for a denominator that is exactly zero
     */
    static Terms reciprocal(Terms d) {
        if (d.coefficients.isEmpty()) {
            throw new NormalFormException("division by zero");
        }
        if (d.coefficients.size() == 1) {
            Map.Entry<Monomial, BigDecimal> only =
                    d.coefficients.entrySet().iterator().next();
            Monomial m = only.getKey();
            if (m.denominator() != null) { // 1/(c*p/q) is q/(c*p)
                Terms numerator = new Terms(Map.of(new Monomial(m.powers(), null), only.getValue()));
                return m.denominator().times(reciprocal(numerator));
            }
        }
        Expression exponential = commonExponential(d);
        if (exponential != null) {
            Terms negated = NormalForm.terms(((Call) exponential).argument()).negate();
            return atom(new Call(ElementaryFunction.EXP, negated.toExpression()))
                    .times(reciprocal(d.without(exponential)));
        }
        BigDecimal lead = d.leadingCoefficient();
        BigDecimal factor = BigDecimal.ONE;
        if (lead.signum() < 0) {
            d = d.negate();
            lead = lead.negate();
            factor = factor.negate();
        }
        BigDecimal inverse = exactInverse(lead);
        if (inverse != null && lead.compareTo(BigDecimal.ONE) != 0) {
            d = d.times(constant(inverse));
            factor = factor.multiply(inverse);
        }
        if (d.isConstant() && inverse != null) {
            return constant(factor);
        }
        return collected(Map.of(new Monomial(Map.of(), d), Constant.normalise(factor)));
    }

    /** The {@code exp(u)} that is a factor of every term of {@code d} (none with a denominator), or null. */
    private static Expression commonExponential(Terms d) {
        Expression common = null;
        for (Monomial m : d.coefficients.keySet()) {
            if (m.denominator() != null) {
                return null;
            }
            Expression own = m.powers().keySet().stream()
                    .filter(Monomial::isExponential)
                    .findFirst()
                    .orElse(null);
            if (own == null || (common != null && !common.equals(own))) {
                return null;
            }
            common = own;
        }
        return common;
    }

    /** Every term divided by {@code atom}, a factor of each to the power 1. */
    private Terms without(Expression atom) {
        Map<Monomial, BigDecimal> divided = new HashMap<>();
        coefficients.forEach((m, c) -> {
            Map<Expression, Integer> powers = new HashMap<>(m.powers());
            powers.remove(atom);
            divided.merge(new Monomial(powers, null), c, BigDecimal::add);
        });
        return collected(divided);
    }

    private static BigDecimal exactInverse(BigDecimal value) {
        try {
            return BigDecimal.ONE.divide(value);
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
    }

    List<Monomial> sortedMonomials() {
        List<Monomial> monomials = new ArrayList<>(coefficients.keySet());
        monomials.sort(Monomial.TERM_ORDER);
        return monomials;
    }

    /** The canonical tree: a sum of terms in {@link Monomial#TERM_ORDER}, each coefficient * powers [/ denominator]. */
    Expression toExpression() {
        List<Expression> terms = new ArrayList<>();
        for (Monomial m : sortedMonomials()) {
            terms.add(term(coefficients.get(m), m));
        }
        if (terms.isEmpty()) {
            return Constant.ZERO;
        }
        return terms.size() == 1 ? terms.get(0) : new Sum(terms);
    }

    private static Expression term(BigDecimal coefficient, Monomial m) {
        List<Expression> factors = new ArrayList<>();
        for (Expression atom : m.sortedAtoms()) {
            int k = m.powers().get(atom);
            factors.add(k == 1 ? atom : new Power(atom, k));
        }
        Expression numerator;
        if (factors.isEmpty()) {
            numerator = new Constant(coefficient);
        } else {
            if (coefficient.compareTo(BigDecimal.ONE) != 0) {
                factors.add(0, new Constant(coefficient));
            }
            numerator = factors.size() == 1 ? factors.get(0) : new Product(factors);
        }
        return m.denominator() == null
                ? numerator
                : new Quotient(numerator, m.denominator().toExpression());
    }

    private static Terms collected(Map<Monomial, BigDecimal> terms) {
        Map<Map<Expression, Integer>, Rational> rational = new HashMap<>();
        Map<Monomial, BigDecimal> nonZero = new HashMap<>();
        terms.forEach((m, c) -> {
            if (m.denominator() == null || m.denominator().isConstant()) {
                BigDecimal d = m.denominator() == null
                        ? BigDecimal.ONE
                        : m.denominator().constantValue();
                rational.merge(m.powers(), Rational.of(c, d), Rational::plus);
            } else if (c.signum() != 0) {
                nonZero.put(m, Constant.normalise(c));
            }
        });
        rational.forEach((powers, r) -> {
            if (r.signum() != 0) {
                BigDecimal exact = r.exactDecimal();
                if (exact != null) {
                    nonZero.put(new Monomial(powers, null), Constant.normalise(exact));
                } else {
                    Terms q = new Terms(Map.of(Monomial.ONE, new BigDecimal(r.denominator())));
                    nonZero.put(new Monomial(powers, q), new BigDecimal(r.numerator()));
                }
            }
        });
        return new Terms(nonZero);
    }
}

package io.weights2eq.domain.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One term's shape in {@link Terms}: atoms (variables and calls, normal already) with positive exponents, over at
 * most one denominator (all of a term's denominators multiplied into one, so {@code 1/x/x} and {@code 1/x^2} meet).
 */
record Monomial(Map<Expression, Integer> powers, Terms denominator) {

    static final Monomial ONE = new Monomial(Map.of(), null);

    /** Variables by index, then calls by function (sin cos exp log sqrt), then by their argument's text. */
    static final Comparator<Expression> ATOM_ORDER =
            Comparator.comparingInt(Monomial::atomRank).thenComparing(ExpressionText::of);

    /**
     * The term order of a sum: the constant last; otherwise higher degree first, then by atoms (an earlier atom,
     * or the same atom to a higher power, first), then no denominator before a denominator, then by its text.
     */
    static final Comparator<Monomial> TERM_ORDER = Comparator.comparing(Monomial::isOne)
            .thenComparing(Comparator.comparingInt(Monomial::degree).reversed())
            .thenComparing(Monomial::compareAtoms)
            .thenComparing(m ->
                    m.denominator == null ? "" : m.denominator.toExpression().toText());

    Monomial {
        powers = Map.copyOf(powers);
    }

    static Monomial of(Expression atom) {
        return new Monomial(Map.of(atom, 1), null);
    }

    boolean isOne() {
        return powers.isEmpty() && denominator == null;
    }

    int degree() {
        return powers.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The highest exponent of any atom (0 for none). */
    int maxExponent() {
        return powers.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    List<Expression> sortedAtoms() {
        List<Expression> atoms = new ArrayList<>(powers.keySet());
        atoms.sort(ATOM_ORDER);
        return atoms;
    }

    /**
     * The product of the atoms' powers, denominators left to {@link Terms#times}; the exponentials of a term merge
     * into one ({@code exp(a)^j*exp(b)^k} is {@code exp(j*a+k*b)}, gone where the argument is 0).
     */
    Monomial timesPowers(Monomial other) {
        Map<Expression, Integer> merged = new HashMap<>(powers);
        other.powers.forEach((atom, k) -> merged.merge(atom, k, Integer::sum));
        for (int k : merged.values()) {
            if (k > Power.MAX_EXPONENT) {
                throw new NormalFormException("a power above " + Power.MAX_EXPONENT + " after expansion");
            }
        }
        return new Monomial(withOneExponential(merged), null);
    }

    /** Whether {@code atom} is {@code exp(u)}. */
    static boolean isExponential(Expression atom) {
        return atom instanceof Call c && c.function() == ElementaryFunction.EXP;
    }

    private static Map<Expression, Integer> withOneExponential(Map<Expression, Integer> powers) {
        List<Expression> exponentials =
                powers.keySet().stream().filter(Monomial::isExponential).toList();
        if (exponentials.isEmpty() || (exponentials.size() == 1 && powers.get(exponentials.get(0)) == 1)) {
            return powers;
        }
        Map<Expression, Integer> rest = new HashMap<>(powers);
        Terms argument = Terms.constant(BigDecimal.ZERO);
        for (Expression e : exponentials) {
            int k = rest.remove(e);
            argument =
                    argument.plus(NormalForm.terms(((Call) e).argument()).times(Terms.constant(BigDecimal.valueOf(k))));
        }
        if (!argument.coefficients().isEmpty()) {
            rest.put(new Call(ElementaryFunction.EXP, argument.toExpression()), 1);
        }
        return rest;
    }

    private static int compareAtoms(Monomial a, Monomial b) {
        List<Expression> left = a.sortedAtoms();
        List<Expression> right = b.sortedAtoms();
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int byAtom = ATOM_ORDER.compare(left.get(i), right.get(i));
            if (byAtom != 0) {
                return byAtom;
            }
            int byPower = Integer.compare(b.powers.get(right.get(i)), a.powers.get(left.get(i)));
            if (byPower != 0) {
                return byPower;
            }
        }
        return Integer.compare(right.size(), left.size());
    }

    private static int atomRank(Expression atom) {
        if (atom instanceof Variable v) {
            return v.index();
        }
        return ExpressionParser.MAX_INPUTS + ((Call) atom).function().ordinal();
    }
}

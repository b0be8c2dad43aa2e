package io.weights2eq.domain.equation;

import io.weights2eq.domain.expression.Call;
import io.weights2eq.domain.expression.Constant;
import io.weights2eq.domain.expression.DomainCheck;
import io.weights2eq.domain.expression.ElementaryFunction;
import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.ExpressionVocabulary;
import io.weights2eq.domain.expression.NormalForm;
import io.weights2eq.domain.expression.NormalFormException;
import io.weights2eq.domain.expression.Power;
import io.weights2eq.domain.expression.Product;
import io.weights2eq.domain.expression.Quotient;
import io.weights2eq.domain.expression.Refusal;
import io.weights2eq.domain.expression.Sum;
import io.weights2eq.domain.expression.Variable;
import io.weights2eq.domain.network.InputDomain;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the expressions of an {@link SamplingMode#ELEMENTARY} family on a domain, in the manner of Lample &amp;
 * Charton (2019): the number of operators uniform in 1..{@code degree}; the tree uniform among all unary-binary
 * trees with that many operators, each operator labelled (6 unary kinds: sin cos exp log sqrt and a power, its
 * exponent uniform in 2..6; 4 binary: + - * /); each leaf a variable (probability 1/2, uniform among the inputs)
 * or a constant of the family's kinds and range (a kind by its weight, then uniform among its non-zero values).
 *
 * <p>A draw is refused, its reason kept, and the next one drawn from the same stream, when its normal form does not
 * exist (a division by an exact zero, an expansion too large), has a power above 6, has more than
 * {@value #MAX_TOKENS} tokens (v2), leaves an input out, holds a function of a constant ({@code sin(2)}: not an
 * exact decimal, so not one of the family's constants), or fails the {@link DomainCheck} (log or sqrt of a
 * non-positive argument, a pole, a non-finite or too large value, a constant function). After
 * {@value #MAX_ATTEMPTS} refusals in a row the family is declared unusable on the domain.
 *
 * <p>Immutable and thread-safe; the {@link DeterministicRandom} passed in is not.
 */
public final class ElementarySampler {

    /** Longest canonical text, in v2 tokens: about what a decoder can emit, and what a network can show. */
    public static final int MAX_TOKENS = 64;
    /** Draws before giving up: a family that refuses this many in a row does not suit its domain. */
    public static final int MAX_ATTEMPTS = 10_000;
    /** Every input's domain lies inside [-5, 5]. */
    public static final double MAX_ABS_DOMAIN = 5;
    /** The most operators in a tree ({@code degree} of an elementary family). */
    public static final int MAX_OPERATORS = 8;

    private static final int UNARY_KINDS = ElementaryFunction.values().length + 1;
    private static final int BINARY_KINDS = 4;

    /** One refused draw: the text as drawn, the rule it broke and why. */
    public record Rejection(String drawn, Refusal.Rule rule, String reason) {}

    /** The accepted expression (a normal form), its text, and the draws refused before it. */
    public record Draw(Expression expression, String text, List<Rejection> rejected) {}

    private final EquationFamily family;
    private final InputDomain domain;
    private final List<CoefficientClass> classes;
    private final double[][] trees;

    /** @throws IllegalArgumentException listing every violation of the family, or naming the domain's limit */
    public ElementarySampler(EquationFamily family, InputDomain domain) {
        this.family = family.requireValid();
        if (family.mode() != SamplingMode.ELEMENTARY) {
            throw new IllegalArgumentException(
                    "family: mode must be elementary, was " + family.mode().label());
        }
        Violation.requireNone("elementary domain", validateDomain(domain));
        this.domain = domain;
        this.classes = family.coefficientClasses();
        this.trees = treeCounts(family.degree());
    }

    /** The domain's rules: each interval inside [-5, 5], named {@code domain[i]}. */
    public static List<Violation> validateDomain(InputDomain domain) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < domain.inputs(); i++) {
            if (!domain.input(i).within(MAX_ABS_DOMAIN)) {
                violations.add(new Violation("domain[" + i + "]", "must lie within [-5, 5], was " + domain.input(i)));
            }
        }
        return violations;
    }

    public EquationFamily family() {
        return family;
    }

    public InputDomain domain() {
        return domain;
    }

    /**
     * The next acceptable expression of the stream.
     *
     * @throws IllegalStateException after {@value #MAX_ATTEMPTS} refusals, naming the last reason
     */
    public Draw sample(DeterministicRandom rnd) {
        List<Rejection> rejected = new ArrayList<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Expression tree = tree(rnd, 1 + rnd.nextInt(family.degree()));
            Refusal refusal;
            try {
                Expression normal = NormalForm.of(tree);
                String text = normal.toText();
                refusal = reasonToReject(normal, text);
                if (refusal == null) {
                    return new Draw(normal, text, List.copyOf(rejected));
                }
            } catch (NormalFormException e) {
                refusal = new Refusal(Refusal.Rule.NO_NORMAL_FORM, e.getMessage());
            }
            rejected.add(new Rejection(tree.toText(), refusal.rule(), refusal.reason()));
        }
        throw new IllegalStateException("no acceptable expression in " + MAX_ATTEMPTS + " draws on " + domain
                + "; the last was refused: " + rejected.get(rejected.size() - 1).reason());
    }

    /** Why a normal form is refused on this sampler's domain (the rule and the reason), or null when accepted. */
    public Refusal reasonToReject(Expression normal, String text) {
        if (maxExponent(normal) > Power.MAX_FAMILY_EXPONENT) {
            return new Refusal(
                    Refusal.Rule.POWER_ABOVE_6, "a power above " + Power.MAX_FAMILY_EXPONENT + " after expansion");
        }
        int tokens = ExpressionVocabulary.encode(text).length;
        if (tokens > MAX_TOKENS) {
            return new Refusal(
                    Refusal.Rule.TOO_MANY_TOKENS, "its text has " + tokens + " tokens, more than " + MAX_TOKENS);
        }
        for (int i = 0; i < domain.inputs(); i++) {
            if (!uses(normal, i)) {
                return new Refusal(
                        Refusal.Rule.INPUT_UNUSED, "it does not use " + new Variable(i, domain.inputs()).name());
            }
        }
        Call constantCall = constantCall(normal);
        if (constantCall != null) {
            return new Refusal(
                    Refusal.Rule.FUNCTION_OF_CONSTANT,
                    "a function of a constant, " + constantCall.toText() + ", which has no exact decimal value");
        }
        return DomainCheck.reasonToReject(normal, domain).orElse(null);
    }

    /**
     * A tree of {@code operators} operators, built in prefix order: at each step, among the e empty slots the
     * first k become leaves and the next an operator of arity a, with the probability that makes every labelled
     * tree equally likely (Lample &amp; Charton, appendix C, with one leaf kind).
     */
    private Expression tree(DeterministicRandom rnd, int operators) {
        List<int[]> prefix = shape(rnd, operators);
        int[] next = {0};
        return build(prefix, next, rnd);
    }

    /** The tree's nodes in prefix order: {arity, kind} for an operator, null for a leaf. */
    List<int[]> shape(DeterministicRandom rnd, int operators) {
        List<int[]> prefix = new ArrayList<>(); // {arity, kind}, or null for a slot still empty
        prefix.add(null);
        int empty = 1;
        int leaves = 0;
        for (int n = operators; n > 0; n--) {
            double u = rnd.nextDouble() * trees[empty][n];
            int k = 0;
            int arity = 0;
            search:
            for (k = 0; k < empty; k++) {
                for (arity = 1; arity <= 2; arity++) {
                    u -= (arity == 1 ? UNARY_KINDS : BINARY_KINDS) * trees[empty - k - 1 + arity][n - 1];
                    if (u < 0) {
                        break search;
                    }
                }
            }
            if (k == empty) { // rounding at the very end of the range
                k = empty - 1;
                arity = 2;
            }
            int kind = rnd.nextInt(arity == 1 ? UNARY_KINDS : BINARY_KINDS);
            leaves += k;
            int position = nthEmpty(prefix, leaves);
            prefix.set(position, new int[] {arity, kind});
            for (int c = 0; c < arity; c++) {
                prefix.add(position + 1, null);
            }
            empty += arity - 1 - k;
        }
        return prefix;
    }

    private static int nthEmpty(List<int[]> prefix, int n) {
        for (int i = 0, seen = 0; i < prefix.size(); i++) {
            if (prefix.get(i) == null && seen++ == n) {
                return i;
            }
        }
        throw new IllegalStateException("no empty slot " + n);
    }

    /** Leaves are drawn in prefix order, after the shape. */
    private Expression build(List<int[]> prefix, int[] next, DeterministicRandom rnd) {
        int[] node = prefix.get(next[0]++);
        if (node == null) {
            return leaf(rnd);
        }
        if (node[0] == 1) {
            Expression argument = build(prefix, next, rnd);
            if (node[1] < ElementaryFunction.values().length) {
                return new Call(ElementaryFunction.values()[node[1]], argument);
            }
            return new Power(argument, 2 + rnd.nextInt(Power.MAX_FAMILY_EXPONENT - 1));
        }
        Expression a = build(prefix, next, rnd);
        Expression b = build(prefix, next, rnd);
        return switch (node[1]) {
            case 0 -> new Sum(List.of(a, b));
            case 1 -> new Sum(List.of(a, new Product(List.of(Constant.of(-1), b))));
            case 2 -> new Product(List.of(a, b));
            default -> new Quotient(a, b);
        };
    }

    private Expression leaf(DeterministicRandom rnd) {
        if (rnd.nextInt(2) == 0) {
            return new Variable(rnd.nextInt(domain.inputs()), domain.inputs());
        }
        return new Constant(constant(rnd));
    }

    /** A kind by its weight, then a value uniform among the kind's values in range (a class by its size). */
    private BigDecimal constant(DeterministicRandom rnd) {
        double total = 0;
        for (CoefficientKind kind : CoefficientKind.values()) {
            total += kindWeight(kind);
        }
        double u = rnd.nextDouble() * total;
        CoefficientKind chosen = null;
        for (CoefficientKind kind : CoefficientKind.values()) {
            if (kindWeight(kind) > 0) {
                chosen = kind;
                u -= kindWeight(kind);
                if (u < 0) {
                    break;
                }
            }
        }
        long size = 0;
        for (CoefficientClass c : classes) {
            size += c.kind() == chosen ? c.count() : 0;
        }
        long j = rnd.nextLong(size);
        for (CoefficientClass c : classes) {
            if (c.kind() == chosen) {
                if (j < c.count()) {
                    return c.draw(rnd);
                }
                j -= c.count();
            }
        }
        throw new IllegalStateException("no class for " + chosen);
    }

    /** The kind's weight when it has values in range, else 0 (classes hold only kinds with weight &gt; 0). */
    private double kindWeight(CoefficientKind kind) {
        return classes.stream().anyMatch(c -> c.kind() == kind) ? kind.weight(family) : 0;
    }

    /**
     * D(e, n): the number of ways to fill e empty slots with n more operators, operators labelled (6 unary, 4
     * binary kinds), one leaf kind: D(0, n) = 0, D(e, 0) = 1, D(e, n) = D(e-1, n) + 6 D(e, n-1) + 4 D(e+1, n-1).
     */
    private static double[][] treeCounts(int maxOperators) {
        int maxEmpty = maxOperators + 2;
        double[][] d = new double[maxEmpty + 2][maxOperators + 1];
        for (int e = 1; e <= maxEmpty + 1; e++) {
            d[e][0] = 1;
        }
        for (int n = 1; n <= maxOperators; n++) {
            for (int e = 1; e <= maxEmpty; e++) {
                d[e][n] = d[e - 1][n] + UNARY_KINDS * d[e][n - 1] + BINARY_KINDS * d[e + 1][n - 1];
            }
        }
        return d;
    }

    private static int maxExponent(Expression e) {
        if (e instanceof Power p) {
            return Math.max(p.exponent(), maxExponent(p.base()));
        }
        int max = 0;
        for (Expression child : e.children()) {
            max = Math.max(max, maxExponent(child));
        }
        return max;
    }

    /** A call such as {@code sin(2)} that the normal form keeps (not exact) but no decoder can read back; or null. */
    private Call constantCall(Expression e) {
        if (e instanceof Call call) {
            boolean constant = true;
            for (int i = 0; i < domain.inputs(); i++) {
                constant &= !uses(call.argument(), i);
            }
            if (constant) {
                return call;
            }
        }
        for (Expression child : e.children()) {
            Call found = constantCall(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean uses(Expression e, int input) {
        if (e instanceof Variable v) {
            return v.index() == input;
        }
        for (Expression child : e.children()) {
            if (uses(child, input)) {
                return true;
            }
        }
        return false;
    }
}

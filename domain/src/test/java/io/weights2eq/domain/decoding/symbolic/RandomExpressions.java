package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.network.InputDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in draw of elementary expressions for measuring the decoders before the family's generator arrives: the
 * operator count uniform in 1..{@code maxOperators}, each operator uniform over + − * sin cos exp log sqrt ^2 ^3,
 * leaves a variable (3 in 4) or a whole constant in [-5, 5] (not 0); rejected when not finite, when a log or sqrt
 * argument is not positive (not negative) on the domain, when constant, or when larger than 1e3 in magnitude.
 */
final class RandomExpressions {
    private static final String[] OPERATORS = {"+", "-", "*", "sin", "cos", "exp", "log", "sqrt", "^2", "^3"};

    private RandomExpressions() {}

    static List<String> draw(long seed, int count, InputDomain domain, int maxOperators) {
        DeterministicRandom random = DeterministicRandom.ofSeed(seed);
        Grid check = Grid.verification(domain);
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            int operators = 1 + (int) (random.nextDouble() * maxOperators);
            Expr e = tree(random, operators, domain.inputs());
            if (acceptable(e, check) && !out.contains(e.text())) {
                out.add(e.text());
            }
        }
        return out;
    }

    private static Expr tree(DeterministicRandom random, int operators, int inputs) {
        if (operators == 0) {
            if (random.nextDouble() < 0.75) {
                return new Expr.Var(inputs == 1 ? 0 : (int) (random.nextDouble() * 2), inputs);
            }
            int c = (int) (random.nextDouble() * 10) - 5;
            return new Expr.Const(c >= 0 ? c + 1 : c);
        }
        String op = OPERATORS[(int) (random.nextDouble() * OPERATORS.length)];
        int rest = operators - 1;
        switch (op) {
            case "+", "-", "*" -> {
                int left = (int) (random.nextDouble() * (rest + 1));
                Expr l = tree(random, left, inputs);
                Expr r = tree(random, rest - left, inputs);
                return switch (op) {
                    case "+" -> new Expr.Sum(List.of(l, r));
                    case "-" -> new Expr.Sum(List.of(l, new Expr.Neg(r)));
                    default -> new Expr.Product(l, r, false);
                };
            }
            case "^2" -> {
                return new Expr.Pow(tree(random, rest, inputs), 2);
            }
            case "^3" -> {
                return new Expr.Pow(tree(random, rest, inputs), 3);
            }
            default -> {
                return new Expr.Fn(op, tree(random, rest, inputs));
            }
        }
    }

    private static boolean acceptable(Expr e, Grid check) {
        if (!e.text().contains("x")) {
            return false;
        }
        double[] v = check.values(e);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (!Double.isFinite(x) || Math.abs(x) > 1e3) {
                return false; // also a log or sqrt of a negative argument: NaN
            }
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return max - min > 1e-3 * Math.max(1, Math.abs(max));
    }
}

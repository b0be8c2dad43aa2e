package io.weights2eq.domain.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.domain.equation.DeterministicRandom;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Property tests over many random trees: the text of a normal form parses back to it, and keeps its value. */
class ExpressionRoundTripTest {

    private static final int TREES = 3000;

    @Test
    void theTextOfANormalFormParsesBackToTheSameTree() {
        int checked = 0;
        for (int inputs = 1; inputs <= 2; inputs++) {
            DeterministicRandom rnd = DeterministicRandom.ofSeed(inputs);
            for (int i = 0; i < TREES; i++) {
                Expression tree = randomTree(rnd, 1 + rnd.nextInt(6), inputs);
                Expression normal;
                try {
                    normal = NormalForm.of(tree);
                } catch (NormalFormException tooLargeOrUndefined) {
                    continue;
                }
                String text = normal.toText();
                Expression parsed = ExpressionParser.parse(text, inputs);
                assertEquals(normal, parsed, text);
                assertEquals(text, NormalForm.text(parsed), text);
                assertEquals(text, NormalForm.text(ExpressionParser.parse(tree.toText(), inputs)), tree.toText());
                checked++;
            }
        }
        assertEquals(true, checked > TREES, "most random trees have a normal form, checked " + checked);
    }

    @Test
    void theNormalFormAndTheFastPathKeepTheValue() {
        DeterministicRandom rnd = DeterministicRandom.ofSeed(7);
        int compared = 0;
        for (int i = 0; i < TREES; i++) {
            Expression tree = randomTree(rnd, 1 + rnd.nextInt(5), 2);
            Expression normal;
            try {
                normal = NormalForm.of(tree);
            } catch (NormalFormException e) {
                continue;
            }
            double[] points = new double[2 * 16];
            for (int j = 0; j < points.length; j++) {
                points[j] = 0.1 + 0.9 * rnd.nextDouble();
            }
            double[] fast = SampleEvaluator.evaluate(normal, points, 2);
            for (int p = 0; p < 16; p++) {
                double expected = tree.evaluate(points[2 * p], points[2 * p + 1]);
                double actual = normal.evaluate(points[2 * p], points[2 * p + 1]);
                assertEquals(actual, fast[p], 0, "fast path of " + normal.toText());
                if (Double.isFinite(expected) && Math.abs(expected) < 1e3) {
                    assertEquals(
                            expected,
                            actual,
                            1e-7 * (1 + Math.abs(expected)),
                            tree.toText() + " vs " + normal.toText());
                    compared++;
                }
            }
        }
        assertEquals(true, compared > TREES, "compared " + compared);
    }

    /** Any tree of the language, including forms the normal form rewrites (nested sums, negative constants). */
    static Expression randomTree(DeterministicRandom rnd, int operators, int inputs) {
        if (operators == 0) {
            return rnd.nextInt(2) == 0
                    ? new Variable(rnd.nextInt(inputs), inputs)
                    : new Constant(BigDecimal.valueOf(rnd.nextInt(21) - 10, rnd.nextInt(3)));
        }
        int kind = rnd.nextInt(10);
        if (kind < 5) {
            ElementaryFunction f = ElementaryFunction.values()[kind];
            return new Call(f, randomTree(rnd, operators - 1, inputs));
        }
        if (kind == 5) {
            return new Power(randomTree(rnd, operators - 1, inputs), 2 + rnd.nextInt(3));
        }
        int left = rnd.nextInt(operators);
        Expression a = randomTree(rnd, left, inputs);
        Expression b = randomTree(rnd, operators - 1 - left, inputs);
        return switch (kind) {
            case 6 -> new Sum(List.of(a, b));
            case 7 -> new Sum(List.of(a, Negation.of(b)));
            case 8 -> new Product(new ArrayList<>(List.of(a, b)));
            default -> new Quotient(a, b);
        };
    }
}

package io.weights2eq.evaluation.expressions;

import io.weights2eq.domain.decoding.symbolic.Scoring;
import io.weights2eq.domain.equation.EquationSyntaxException;
import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.NormalForm;
import io.weights2eq.domain.expression.NormalFormException;
import io.weights2eq.domain.expression.SampleEvaluator;
import io.weights2eq.domain.network.InputDomain;
import java.util.function.ToDoubleFunction;

/**
 * How a decoded text compares with the truth: exact symbolic match (equal normal-form texts) and R² of the decoded
 * function against the truth on a grid over the domain (the symbolic-regression literature's two measures).
 *
 * @param parsed   whether the decoded text is an expression of the language
 * @param exact    whether its normal form is the truth's
 * @param rSquared 1 − Σ(truth − decoded)² / Σ(truth − mean)² on the grid ({@link Scoring}); −∞ when unparsable or
 *                 not finite
 */
public record ExpressionScore(boolean parsed, boolean exact, double rSquared) {

    /** The accuracy-to-R² threshold. */
    public static final double R_SQUARED_GOAL = 0.999;

    /** Grid points per input: 1,001 for one input, 101 × 101 for two. */
    static int pointsPerInput(int inputs) {
        return inputs == 1 ? 1001 : 101;
    }

    public boolean accurate() {
        return rSquared >= R_SQUARED_GOAL;
    }

    /** Scores {@code decodedText} against the normal-form {@code truth} on {@code domain}. */
    public static ExpressionScore of(Expression truth, String decodedText, InputDomain domain) {
        Expression decoded;
        try {
            decoded = NormalForm.of(ExpressionParser.parse(decodedText, domain.inputs()));
        } catch (EquationSyntaxException | NormalFormException e) {
            return new ExpressionScore(false, false, Double.NEGATIVE_INFINITY);
        }
        boolean exact = decoded.toText().equals(NormalForm.text(truth));
        double[] grid = grid(domain);
        double r2 = rSquared(
                SampleEvaluator.evaluate(truth, grid, domain.inputs()),
                SampleEvaluator.evaluate(decoded, grid, domain.inputs()));
        return new ExpressionScore(true, exact, r2);
    }

    /** R² of any function given point by point (e.g. the network's own) against the truth on the domain's grid. */
    public static double rSquared(Expression truth, InputDomain domain, ToDoubleFunction<double[]> f) {
        double[] grid = grid(domain);
        int n = domain.inputs();
        double[] values = new double[grid.length / n];
        for (int i = 0; i < values.length; i++) {
            double[] point = new double[n];
            System.arraycopy(grid, i * n, point, 0, n);
            values[i] = f.applyAsDouble(point);
        }
        return rSquared(SampleEvaluator.evaluate(truth, grid, n), values);
    }

    /** R² of {@code other} against {@code truth}: the symbolic decoders' own {@link Scoring}, −∞ when not finite. */
    static double rSquared(double[] truth, double[] other) {
        double r2 = Scoring.of(truth, other).fit().rSquared();
        return Double.isNaN(r2) ? Double.NEGATIVE_INFINITY : r2;
    }

    /** Evenly spaced points over the domain, ends included, sample-major. */
    static double[] grid(InputDomain domain) {
        int n = domain.inputs();
        int k = pointsPerInput(n);
        int points = n == 1 ? k : k * k;
        double[] grid = new double[points * n];
        for (int i = 0; i < points; i++) {
            for (int j = 0; j < n; j++) {
                int step = j == 0 ? i % k : i / k;
                var interval = domain.input(j);
                grid[i * n + j] = interval.lo() + interval.width() * step / (k - 1);
            }
        }
        return grid;
    }
}

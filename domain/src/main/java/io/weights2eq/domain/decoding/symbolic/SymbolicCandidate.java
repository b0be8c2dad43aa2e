package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.NormalForm;

/**
 * A candidate expression and how it reproduces the function on the verification grid of its domain.
 *
 * @param text             the expression in the shared syntax (docs/domain.md)
 * @param source           who proposed it: {@code analytic} (sparse regression), {@code analytic+refit} (its
 *                         inner constants re-optimised) or {@code supplied} (a text given to the hybrid)
 * @param fit              R² and the largest absolute error on the verification grid
 * @param relativeRmsError RMS of the error over RMS of the function, on the same grid
 * @param complexity       tokens of the text, the measure of "simplest" ({@link Complexity})
 */
public record SymbolicCandidate(String text, String source, FunctionFit fit, double relativeRmsError, int complexity) {

    /**
     * This candidate with its text in the shared normal form ({@link NormalForm}), the text a prediction carries;
     * a text the normal form cannot take (past its expansion bounds) is kept as written.
     */
    public SymbolicCandidate canonical(int inputs) {
        try {
            return new SymbolicCandidate(
                    NormalForm.text(ExpressionParser.parse(text, inputs)), source, fit, relativeRmsError, complexity);
        } catch (IllegalArgumentException e) {
            return this;
        }
    }

    double unexplained() {
        return 1 - fit.rSquared();
    }
}

package io.weights2eq.evaluation.expressions;

import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.network.Network;
import java.util.Objects;

/**
 * One network of an expression evaluation and its ground truth (a normal form), on the network's domain.
 *
 * @param converged             whether the network met the quality target (the trainer's gate, or for networks
 *                              trained elsewhere R² ≥ {@link ExpressionScore#R_SQUARED_GOAL} against the truth)
 * @param relativeValidationMse the trainer's validation MSE / Var(y); NaN when the network was trained elsewhere
 */
public record ExpressionExample(
        String id, Expression truth, Network network, boolean converged, double relativeValidationMse) {

    public ExpressionExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(network, "network");
    }

    public String truthText() {
        return truth.toText();
    }
}

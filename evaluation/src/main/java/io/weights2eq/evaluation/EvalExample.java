package io.weights2eq.evaluation;

import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Network;
import java.util.Objects;

/**
 * One network of an evaluation and its ground truth.
 *
 * @param converged             whether the network met the quality target (the trainer's gate, or for networks
 *                              trained elsewhere {@link PolynomialFit#networkMatches})
 * @param relativeValidationMse the trainer's validation MSE / Var(y); NaN when the network was trained elsewhere
 */
public record EvalExample(
        String id, Polynomial truth, Network network, boolean converged, double relativeValidationMse) {

    public EvalExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(network, "network");
    }

    /** The truth's canonical text. */
    public String truthText() {
        return truth.toCanonicalText();
    }
}

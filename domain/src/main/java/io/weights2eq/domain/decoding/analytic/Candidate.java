package io.weights2eq.domain.decoding.analytic;

import io.weights2eq.domain.equation.Polynomial;
import java.util.Objects;

/**
 * One scored candidate equation for a network, kept with how it was found so that a decoder combining several
 * sources can compare them.
 *
 * @param polynomial the candidate
 * @param method     which source proposed it, e.g. {@link ProjectionDecoder#METHOD}
 * @param fit        its fit to the network on the decoder's input range
 */
public record Candidate(Polynomial polynomial, String method, FunctionFit fit) {
    public Candidate {
        Objects.requireNonNull(polynomial, "polynomial");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(fit, "fit");
    }
}

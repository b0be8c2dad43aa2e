package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.decoding.DecodedEquation;
import java.util.List;

/** The winner, the runner-up (null when there was one candidate) and every distinct candidate weighed, ranked. */
public record SymbolicDecision(SymbolicCandidate chosen, SymbolicCandidate runnerUp, List<SymbolicCandidate> ranked) {

    /**
     * The winner in {@link DecodedEquation}'s shape: the text, no polynomial and no token ids (the expression
     * vocabulary arrives with the shared expression language).
     */
    public DecodedEquation decoded(String method) {
        return new DecodedEquation(chosen.text(), null, new int[0], method, null);
    }
}

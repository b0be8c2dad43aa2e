package io.weights2eq.domain.decoding.symbolic;

import java.util.List;

/** The winner, the runner-up (null when there was one candidate) and every distinct candidate weighed, ranked. */
public record SymbolicDecision(SymbolicCandidate chosen, SymbolicCandidate runnerUp, List<SymbolicCandidate> ranked) {}

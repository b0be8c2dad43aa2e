package io.weights2eq.domain.training;

/**
 * Optional projection after each optimiser step: each hidden neuron's incoming [w; b] is rescaled to
 * norm ≤ 1 (the Taylor-expansion decoder of nn2poly needs small weights). The linear output layer is
 * left free, so the network can still reach |y| up to the family's range.
 */
public enum NormConstraint {
    NONE,
    L1,
    L2
}

package io.weights2eq.domain.training;

import io.weights2eq.domain.network.Network;

/**
 * A trained network and its figures. {@code converged} is false when the quality gate was missed
 * after every attempt: such a network is reported, never passed off as good.
 */
public record TrainedNetwork(
        String equationId,
        Network network,
        double trainMse,
        double validationMse,
        double relativeValidationMse,
        int steps,
        int attempts,
        boolean converged,
        long trainingSeed,
        long trainingNanos) {}

package io.weights2eq.domain.training;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.network.NetworkLayout;

/**
 * PyTorch's default {@code nn.Linear} initialisation: weights and biases of a layer uniform in
 * [-1/sqrt(fan_in), 1/sqrt(fan_in)], drawn from the network's own deterministic stream in parameter order.
 */
public final class ParameterInitializer {
    private ParameterInitializer() {}

    public static float[] initialise(NetworkLayout layout, long networkSeed, int attempt) {
        DeterministicRandom rnd = TrainingSeeds.initialisation(networkSeed, attempt);
        float[] p = new float[layout.parameterCount()];
        for (int k = 0; k < layout.linearLayers(); k++) {
            double bound = 1.0 / Math.sqrt(layout.size(k));
            for (int i = layout.weightOffset(k);
                    i < layout.weightOffset(k) + layout.size(k + 1) * layout.size(k);
                    i++) {
                p[i] = (float) ((2 * rnd.nextDouble() - 1) * bound);
            }
        }
        for (int k = 0; k < layout.linearLayers(); k++) {
            double bound = 1.0 / Math.sqrt(layout.size(k));
            for (int o = 0; o < layout.size(k + 1); o++) {
                p[layout.biasIndex(k, o)] = (float) ((2 * rnd.nextDouble() - 1) * bound);
            }
        }
        return p;
    }
}

package io.weights2eq.training.djl.decoder;

import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationSampler;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.ArrayList;
import java.util.List;

/** Synthetic examples for tests: servant polynomials paired with random (untrained) networks. */
final class Examples {

    private Examples() {}

    static List<TrainingExample> random(int n, long seed) {
        DeterministicRandom rnd = DeterministicRandom.ofSeed(seed);
        EquationSampler sampler = new EquationSampler(EquationFamily.servant());
        List<TrainingExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Polynomial p = sampler.sample(rnd);
            float[] params = new float[NetworkLayout.DEFAULT.parameterCount()];
            for (int k = 0; k < params.length; k++) {
                params[k] = (float) (rnd.nextDouble() * 2 - 1);
            }
            out.add(new TrainingExample(
                    "eq-" + i, new Network(NetworkLayout.DEFAULT, Activation.RELU, params), p, true));
        }
        return out;
    }
}

package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.DeterministicRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helper: decoder weights and feature vectors filled with seeded uniform random values. */
final class RandomWeights {

    /** A small but complete architecture: 2 heads, 1 layer. */
    static final TransformerConfig SMALL = new TransformerConfig(8, 16, 2, 8, 2, 1, 16, 24);

    private RandomWeights() {}

    /** Every tensor of {@code config}, uniform in [-amplitude, amplitude). */
    static Map<String, float[]> tensors(TransformerConfig config, long seed, double amplitude) {
        DeterministicRandom random = DeterministicRandom.ofSeed(seed);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        config.parameterShapes().forEach((name, shape) -> {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            tensors.put(name, uniform(random, n, amplitude));
        });
        return tensors;
    }

    static TransformerWeights weights(TransformerConfig config, long seed, double amplitude) {
        return new TransformerWeights(config, tensors(config, seed, amplitude));
    }

    static float[] uniform(DeterministicRandom random, int n, double amplitude) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((2 * random.nextDouble() - 1) * amplitude);
        }
        return v;
    }

    static float[] features(TransformerConfig config, long seed) {
        return uniform(DeterministicRandom.ofSeed(seed), config.featureSize(), 1.0);
    }
}

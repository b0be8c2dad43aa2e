package io.weights2eq.training.djl.decoder;

import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.equation.DeterministicRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deterministic initial weights from a seed: linear weights uniform in ±1/√fan-in (PyTorch's nn.Linear default),
 * biases 0, embeddings N(0, 0.02²), LayerNorm gamma 1 and beta 0; each sub-layer's output projection scaled by
 * 1/√(2·layers) so the residual stream starts near the identity (GPT-2's choice, which trains stably here).
 */
final class Initializer {

    private Initializer() {}

    static Map<String, float[]> initial(TransformerConfig config, long seed) {
        DeterministicRandom rnd = DeterministicRandom.ofSeed(seed);
        Map<String, float[]> out = new LinkedHashMap<>();
        float residualScale = (float) (1.0 / Math.sqrt(2.0 * config.layers()));
        config.parameterShapes().forEach((name, shape) -> {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            float[] v = new float[n];
            if (name.endsWith(".gamma")) {
                java.util.Arrays.fill(v, 1f);
            } else if (name.startsWith("embed.")) {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (0.02 * gaussian(rnd));
                }
            } else if (name.endsWith(".weight")) {
                double bound = 1.0 / Math.sqrt(shape[1]);
                boolean residual = name.endsWith(".o.weight") || name.endsWith("ffn.1.weight");
                for (int i = 0; i < n; i++) {
                    v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound * (residual ? residualScale : 1));
                }
            }
            out.put(name, v);
        });
        return out;
    }

    private static double gaussian(DeterministicRandom rnd) {
        double u = Math.max(rnd.nextDouble(), 1e-300);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}

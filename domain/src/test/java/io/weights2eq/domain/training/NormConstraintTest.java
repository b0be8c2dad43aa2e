package io.weights2eq.domain.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.kernel.ScalarBackend;
import io.weights2eq.domain.training.kernel.VectorKernelBackend;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** After training with a norm constraint, every hidden neuron's incoming [w; b] has norm ≤ 1; the output layer is free. */
class NormConstraintTest {

    static double norm(NormConstraint constraint, float[] p, NetworkLayout layout, int k, int o) {
        double sum = 0;
        for (int i = 0; i < layout.size(k); i++) {
            double w = p[layout.weightIndex(k, o, i)];
            sum += constraint == NormConstraint.L2 ? w * w : Math.abs(w);
        }
        double b = p[layout.biasIndex(k, o)];
        sum += constraint == NormConstraint.L2 ? b * b : Math.abs(b);
        return constraint == NormConstraint.L2 ? Math.sqrt(sum) : sum;
    }

    @ParameterizedTest
    @EnumSource(
            value = NormConstraint.class,
            names = {"L1", "L2"})
    void hiddenNeuronsAreBoundedAndTheOutputLayerIsNot(NormConstraint constraint) {
        TrainingConfig config = TrainingConfig.defaults()
                .withActivation(Activation.TANH)
                .withSteps(200)
                .withSamples(1000, 200, 200)
                .withNormConstraint(constraint);
        // y = 4x + 3: with |h| ≤ 1 the output layer must grow beyond norm 1 to reach |y| up to 7
        List<TrainingTask> tasks = List.of(
                TrainingFixtures.function("steep", x -> 4 * x + 3, 1200, 1),
                TrainingFixtures.function("bowl", x -> 5 * x * x - 2, 1200, 1));
        NetworkLayout layout = config.layout();
        try (VectorKernelBackend vector = new VectorKernelBackend(2)) {
            for (List<float[]> trained : List.of(
                    TrainingFixtures.train(vector, config, tasks),
                    TrainingFixtures.train(new ScalarBackend(), config, tasks))) {
                for (float[] p : trained) {
                    for (int k = 0; k < layout.linearLayers() - 1; k++) {
                        for (int o = 0; o < layout.size(k + 1); o++) {
                            double n = norm(constraint, p, layout, k, o);
                            assertTrue(n <= 1 + 1e-6, constraint + " norm of layer " + k + " neuron " + o + " = " + n);
                        }
                    }
                    int last = layout.linearLayers() - 1;
                    double output = norm(constraint, p, layout, last, 0);
                    assertTrue(output > 1.5, "output layer norm " + output + " (unconstrained, must exceed 1 here)");
                }
            }
        }
    }
}

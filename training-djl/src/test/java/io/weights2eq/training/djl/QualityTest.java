package io.weights2eq.training.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.CpuBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Through the quality gate of {@link NetworkTrainer}, DJL fits quadratics as well as the CPU kernel. */
class QualityTest {

    private static List<TrainingTask> quadratics() {
        double[][] coefficients = {{2, -3, 1}, {-4.5, 0.5, 2.25}, {1.25, 4, -3.5}};
        Random random = new Random(5);
        List<TrainingTask> tasks = new ArrayList<>();
        for (int q = 0; q < coefficients.length; q++) {
            double[] c = coefficients[q];
            float[] x = new float[5000];
            float[] y = new float[5000];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (2 * random.nextDouble() - 1);
                y[i] = (float) (c[0] * x[i] * x[i] + c[1] * x[i] + c[2]);
            }
            tasks.add(new TrainingTask("quadratic-" + q, x, y, 3));
        }
        return tasks;
    }

    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"RELU", "TANH"})
    void reachesTheTargetLikeTheKernel(Activation activation) {
        TrainingConfig config = TrainingConfig.defaults().withActivation(activation); // 1000 steps, target 1e-3
        List<TrainingTask> tasks = quadratics();
        List<TrainedNetwork> kernel;
        try (TrainingBackend backend = CpuBackends.best(2)) {
            kernel = new NetworkTrainer(backend, config).train(tasks);
        }
        List<TrainedNetwork> djl;
        try (TrainingBackend backend = new DjlTrainingBackend()) {
            djl = new NetworkTrainer(backend, config).train(tasks);
        }
        for (int i = 0; i < tasks.size(); i++) {
            TrainedNetwork k = kernel.get(i);
            TrainedNetwork d = djl.get(i);
            assertTrue(k.converged() && k.relativeValidationMse() <= 1e-3, "kernel: " + k.relativeValidationMse());
            assertTrue(d.converged() && d.relativeValidationMse() <= 1e-3, "djl: " + d.relativeValidationMse());
        }
    }
}

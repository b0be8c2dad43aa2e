package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.List;
import java.util.Objects;

/** The preconditions every CPU backend checks before training. */
final class KernelChecks {
    private KernelChecks() {}

    static void require(TrainingConfig config, List<BackendTask> tasks) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tasks, "tasks");
        Violation.requireNone("training config", config.validate());
        int n = config.trainSamples();
        int inputs = config.layout().inputSize();
        int parameters = config.layout().parameterCount();
        for (int i = 0; i < tasks.size(); i++) {
            BackendTask task = Objects.requireNonNull(tasks.get(i), "task " + i);
            if (task.trainX().length != n * inputs || task.trainY().length != n) {
                throw new IllegalArgumentException("task " + i + ": trainX and trainY must hold trainSamples (" + n
                        + ") samples of " + inputs + " and 1 values, were " + task.trainX().length + " and "
                        + task.trainY().length + " values");
            }
            if (task.initialParameters().length != parameters) {
                throw new IllegalArgumentException("task " + i + ": " + config.layout() + " needs " + parameters
                        + " initial parameters, was " + task.initialParameters().length);
            }
            Objects.requireNonNull(task.order(), "task " + i + ": order");
        }
    }
}

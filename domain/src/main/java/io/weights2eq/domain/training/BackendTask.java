package io.weights2eq.domain.training;

import java.util.Arrays;

/**
 * What a backend trains: the training split (x sample-major, {@code layers[0]} values per sample), the initial
 * parameters and the minibatch order.
 */
public record BackendTask(float[] trainX, float[] trainY, float[] initialParameters, MinibatchOrder order) {
    /** Attempt {@code attempt} at {@code task}: its training split, fresh parameters and a fresh order. */
    public static BackendTask attempt(TrainingConfig config, TrainingTask task, int attempt) {
        int inputs = config.layout().inputSize();
        if (task.inputs() != inputs) {
            throw new IllegalArgumentException("task " + task.equationId() + ": " + task.inputs()
                    + " input(s), the layout " + config.layout() + " takes " + inputs);
        }
        int train = config.trainSamples();
        long seed = task.networkSeed();
        return new BackendTask(
                Arrays.copyOfRange(task.x(), 0, train * inputs),
                Arrays.copyOfRange(task.y(), 0, train),
                ParameterInitializer.initialise(config.layout(), seed, attempt),
                new MinibatchOrder(seed, attempt, train));
    }
}

package io.weights2eq.domain.training;

import java.util.Arrays;

/** What a backend trains: the training split, the initial parameters and the minibatch order. */
public record BackendTask(float[] trainX, float[] trainY, float[] initialParameters, MinibatchOrder order) {
    /** Attempt {@code attempt} at {@code task}: its training split, fresh parameters and a fresh order. */
    public static BackendTask attempt(TrainingConfig config, TrainingTask task, int attempt) {
        int train = config.trainSamples();
        long seed = task.networkSeed();
        return new BackendTask(
                Arrays.copyOfRange(task.x(), 0, train),
                Arrays.copyOfRange(task.y(), 0, train),
                ParameterInitializer.initialise(config.layout(), seed, attempt),
                new MinibatchOrder(seed, attempt, train));
    }
}

package io.weights2eq.domain.training;

/** What a backend trains: the training split, the initial parameters and the minibatch order. */
public record BackendTask(float[] trainX, float[] trainY, float[] initialParameters, MinibatchOrder order) {
}

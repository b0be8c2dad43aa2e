package io.weights2eq.trainer;

import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.List;

/** Waits before each training, to hold a batch in training (for a while, or until released). */
public record WaitingBackend(TrainingBackend inner, Wait before) implements TrainingBackend {
    /** What to wait for before training. */
    @FunctionalInterface
    public interface Wait {
        void await() throws InterruptedException;
    }

    @Override
    public String name() {
        return "waiting-" + inner.name();
    }

    @Override
    public List<float[]> train(TrainingConfig config, List<BackendTask> tasks) {
        try {
            before.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return inner.train(config, tasks);
    }

    @Override
    public void close() {
        inner.close();
    }
}

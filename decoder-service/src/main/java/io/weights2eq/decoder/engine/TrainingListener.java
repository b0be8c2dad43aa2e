package io.weights2eq.decoder.engine;

import java.util.Map;

/** Observer of the training loop, for metrics. */
public interface TrainingListener {

    /** After every optimiser step: counters and the mean loss of the recent steps. */
    void stepped(long steps, long examplesSeen, double recentLoss);

    /** After every evaluation: the checkpoint's version and metrics, and whether it now serves. */
    void evaluated(String version, Map<String, Double> metrics, boolean swapped);

    /** Training stopped for good (its time limit), after a last checkpoint. */
    default void finished(long steps) {
    }

    /** Sizes of the replay buffer and the validation set. */
    void buffered(int bufferSize, int validationSize);

    TrainingListener NONE = new TrainingListener() {
        @Override
        public void stepped(long steps, long examplesSeen, double recentLoss) {
        }

        @Override
        public void evaluated(String version, Map<String, Double> metrics, boolean swapped) {
        }

        @Override
        public void buffered(int bufferSize, int validationSize) {
        }
    };
}

package io.weights2eq.decoder.engine;

import io.weights2eq.domain.decoding.TrainingExample;
import java.util.List;
import java.util.Map;

/** Observer of the training loop, for metrics. */
public interface TrainingListener {

    /** After every optimiser step: counters and the mean loss of the recent steps. */
    void stepped(long steps, long examplesSeen, double recentLoss);

    /** After every evaluation: the checkpoint's version and metrics, and whether it now serves. */
    void evaluated(String version, Map<String, Double> metrics, boolean swapped);

    /** Training stopped for good (its time limit), after a last checkpoint. */
    default void finished(long steps) {}

    /** Sizes of the replay buffer and the validation set. */
    void buffered(int bufferSize, int validationSize);

    /** Every example taken in, and where it went (for the dashboard's convergence and ground truth). */
    default void accepted(TrainingExample example, ContinuousTraining.Admission admission) {}

    /** Every event goes to each of {@code listeners}, in order. */
    static TrainingListener all(TrainingListener... listeners) {
        List<TrainingListener> all = List.of(listeners);
        return new TrainingListener() {
            @Override
            public void stepped(long steps, long examplesSeen, double recentLoss) {
                all.forEach(l -> l.stepped(steps, examplesSeen, recentLoss));
            }

            @Override
            public void evaluated(String version, Map<String, Double> metrics, boolean swapped) {
                all.forEach(l -> l.evaluated(version, metrics, swapped));
            }

            @Override
            public void finished(long steps) {
                all.forEach(l -> l.finished(steps));
            }

            @Override
            public void buffered(int bufferSize, int validationSize) {
                all.forEach(l -> l.buffered(bufferSize, validationSize));
            }

            @Override
            public void accepted(TrainingExample example, ContinuousTraining.Admission admission) {
                all.forEach(l -> l.accepted(example, admission));
            }
        };
    }

    TrainingListener NONE = new TrainingListener() {
        @Override
        public void stepped(long steps, long examplesSeen, double recentLoss) {}

        @Override
        public void evaluated(String version, Map<String, Double> metrics, boolean swapped) {}

        @Override
        public void buffered(int bufferSize, int validationSize) {}
    };
}

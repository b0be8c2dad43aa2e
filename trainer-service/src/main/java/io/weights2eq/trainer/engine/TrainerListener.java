package io.weights2eq.trainer.engine;

import io.weights2eq.domain.training.TrainedNetwork;
import java.util.List;

/** Observer of the trainer's work, for metrics. */
public interface TrainerListener {
    void batchTrained(List<TrainedNetwork> networks, long nanos);

    void rejected(String reason);

    void lag(long records);

    TrainerListener NONE = new TrainerListener() {
        @Override
        public void batchTrained(List<TrainedNetwork> networks, long nanos) {}

        @Override
        public void rejected(String reason) {}

        @Override
        public void lag(long records) {}
    };
}

package io.weights2eq.trainer.engine;

import io.weights2eq.domain.training.TrainedNetwork;
import java.util.concurrent.Future;

/** Where trained networks go; each comes back as the acknowledgement to wait for before committing. */
@FunctionalInterface
public interface NetworkSink {
    Future<?> publish(TrainedNetwork network);
}

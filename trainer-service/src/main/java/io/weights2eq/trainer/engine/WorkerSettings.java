package io.weights2eq.trainer.engine;

import java.time.Duration;

/**
 * How a worker gathers its micro-batches: up to {@code batchSize} equations, or whatever arrived
 * within {@code maxWait} of the first one.
 */
public record WorkerSettings(String groupId, String instanceId, int batchSize, Duration maxWait, Duration pollTimeout,
                             long trainingSeed) {
}

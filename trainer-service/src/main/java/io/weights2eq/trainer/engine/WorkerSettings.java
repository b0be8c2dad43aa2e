package io.weights2eq.trainer.engine;

import java.time.Duration;

/**
 * How a worker gathers its micro-batches: up to {@code batchSize} equations, or whatever arrived
 * within {@code maxWait} of the first one. An equation of more than {@code maxSamples} samples is
 * rejected to the dead-letter topic ({@code w2e.trainer.max-samples}).
 */
public record WorkerSettings(
        String groupId,
        String instanceId,
        int batchSize,
        Duration maxWait,
        Duration pollTimeout,
        long trainingSeed,
        int maxSamples) {}

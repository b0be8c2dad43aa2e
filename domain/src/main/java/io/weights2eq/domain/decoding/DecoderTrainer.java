package io.weights2eq.domain.decoding;

import java.util.List;

/**
 * The training half of the learned decoder (port; the implementation lives in an engine module, e.g. DJL).
 * Not thread-safe: one training thread owns it.
 */
public interface DecoderTrainer extends AutoCloseable {

    /** One optimiser step on {@code batch} (teacher forcing); returns the mean token cross-entropy. */
    double step(List<TrainingExample> batch);

    /** Optimiser steps taken so far, including those restored from a checkpoint. */
    long steps();

    /** Steps not applied because their loss or gradient was not finite (0 for trainers that never skip). */
    default long skippedSteps() {
        return 0;
    }

    /** Examples consumed by {@link #step} so far, including those restored from a checkpoint. */
    long examplesSeen();

    /** A snapshot of the current weights and optimiser state, with the given version and metrics. */
    DecoderCheckpoint checkpoint(String version, java.util.Map<String, Double> metrics);

    /** Continues from a checkpoint (weights, optimiser state, step and example counters). */
    void restore(DecoderCheckpoint checkpoint);

    @Override
    void close();
}

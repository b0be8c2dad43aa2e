package io.weights2eq.generator.engine;

/**
 * The persisted state of a job. {@code acknowledgedWatermark}: every index below it has been
 * acknowledged by the broker, so a restarted generator resumes there without a gap.
 */
public record JobSnapshot(
        String id,
        JobSpec spec,
        JobState state,
        long acknowledgedWatermark,
        long acknowledged,
        long sampleBytesAcknowledged,
        String error,
        long createdAtMillis,
        long updatedAtMillis) {}

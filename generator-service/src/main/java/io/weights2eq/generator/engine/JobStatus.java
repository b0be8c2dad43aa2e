package io.weights2eq.generator.engine;

/** Live progress of a job, as the REST API and the launcher's progress bar show it. */
public record JobStatus(
        String id,
        JobState state,
        long total,
        long produced,
        long acknowledged,
        long acknowledgedWatermark,
        double ratePerSecond,
        double sampleBytesPerSecond,
        Double etaSeconds,
        long seed,
        int samplesPerEquation,
        String error,
        long createdAtMillis) {}

package io.weights2eq.decoder.engine;

import java.util.Map;

/** A checkpoint written by the training loop, as announced on {@code decoder-models} (key = model name). */
public record ModelAnnouncement(
        String modelName,
        String version,
        long step,
        String checkpointPath,
        Map<String, Double> metrics,
        long createdAtMillis) {}

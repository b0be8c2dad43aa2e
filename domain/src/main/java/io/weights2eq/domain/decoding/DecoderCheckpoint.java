package io.weights2eq.domain.decoding;

import java.util.Map;

/**
 * A learned decoder at one point of its training: what serving needs (weights, version) and what resuming needs
 * (optimiser state, counters). The file format is {@link CheckpointFormat}.
 *
 * @param optimizerState optimiser tensors by name (may be empty: such a checkpoint serves but restarts the
 *                       optimiser's moments when training resumes from it)
 * @param metrics        validation metrics at the time of the checkpoint, by {@link DecodingMetrics} names
 */
public record DecoderCheckpoint(
        String version,
        long step,
        long examplesSeen,
        long createdAtMillis,
        TransformerWeights weights,
        Map<String, float[]> optimizerState,
        Map<String, Double> metrics) {

    public DecoderCheckpoint {
        if (version == null || version.isBlank() || !version.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("version must be 1-100 of [A-Za-z0-9._-], was '" + version + "'");
        }
        optimizerState = Map.copyOf(optimizerState);
        metrics = Map.copyOf(metrics);
    }

    public TransformerConfig config() {
        return weights.config();
    }

    /** The same checkpoint without optimiser state (what ships for serving only). */
    public DecoderCheckpoint forServing() {
        return new DecoderCheckpoint(version, step, examplesSeen, createdAtMillis, weights, Map.of(), metrics);
    }
}

package io.weights2eq.domain.decoding;

import java.util.List;

/** Pure-Java inference of the learned decoder (see {@link TransformerConfig}). */
public final class TransformerDecoder {

    /** One finished beam hypothesis: tokens without {@code <bos>}, and the sum of their log-probabilities. */
    public record Hypothesis(int[] tokens, double logProbability) {
    }

    private final TransformerWeights weights;

    public TransformerDecoder(TransformerWeights weights) {
        this.weights = weights;
    }

    public int[] greedy(float[] features) {
        throw new UnsupportedOperationException("in progress");
    }

    public List<Hypothesis> beam(float[] features, int width) {
        throw new UnsupportedOperationException("in progress");
    }
}

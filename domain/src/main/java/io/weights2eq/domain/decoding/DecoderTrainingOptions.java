package io.weights2eq.domain.decoding;

/**
 * How a {@link DecoderTrainer} optimises: AdamW with a linear warm-up to {@code learningRate} over
 * {@code warmupSteps}, then constant; gradients clipped to global norm {@code clipNorm}; {@code threads} intra-op
 * threads for the engine; {@code seed} for initialisation; {@code augmentPermutations} trains on a randomly
 * permuted (function-preserving) copy of each network instead of its canonical form, to compare.
 */
public record DecoderTrainingOptions(double learningRate, int warmupSteps, double weightDecay, double clipNorm,
                                     int threads, long seed, boolean augmentPermutations) {

    public static DecoderTrainingOptions defaults() {
        return new DecoderTrainingOptions(5e-4, 500, 0.01, 1.0, 1, 42L, false);
    }

    public DecoderTrainingOptions withSeed(long newSeed) {
        return new DecoderTrainingOptions(learningRate, warmupSteps, weightDecay, clipNorm, threads, newSeed,
                augmentPermutations);
    }
}

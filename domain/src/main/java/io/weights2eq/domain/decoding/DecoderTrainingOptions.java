package io.weights2eq.domain.decoding;

/**
 * How a {@link DecoderTrainer} optimises: AdamW with a linear warm-up to {@code learningRate} over
 * {@code warmupSteps}; then constant when {@code decaySteps} is 0 (continuous training has no end), else a cosine
 * decay to {@link #FINAL_FRACTION} of it at step {@code decaySteps}, held after; gradients clipped to global norm
 * {@code clipNorm}; {@code threads} intra-op threads for the engine; {@code seed} for initialisation.
 */
public record DecoderTrainingOptions(
        double learningRate,
        int warmupSteps,
        double weightDecay,
        double clipNorm,
        int threads,
        long seed,
        long decaySteps) {

    public static final double FINAL_FRACTION = 0.05;

    /** Constant learning rate after the warm-up. */
    public DecoderTrainingOptions(
            double learningRate, int warmupSteps, double weightDecay, double clipNorm, int threads, long seed) {
        this(learningRate, warmupSteps, weightDecay, clipNorm, threads, seed, 0);
    }

    public static DecoderTrainingOptions defaults() {
        return new DecoderTrainingOptions(5e-4, 500, 0.01, 1.0, 1, 42L, 0);
    }

    /** The learning rate of optimiser step {@code step} (0-based). */
    public double learningRateAt(long step) {
        double warm = Math.min(1.0, (step + 1.0) / Math.max(1, warmupSteps));
        if (decaySteps <= 0 || step < warmupSteps) {
            return learningRate * warm;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, decaySteps - warmupSteps));
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return learningRate * (FINAL_FRACTION + (1 - FINAL_FRACTION) * cosine);
    }

    public DecoderTrainingOptions withSeed(long newSeed) {
        return new DecoderTrainingOptions(
                learningRate, warmupSteps, weightDecay, clipNorm, threads, newSeed, decaySteps);
    }
}

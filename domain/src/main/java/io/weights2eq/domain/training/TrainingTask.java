package io.weights2eq.domain.training;

/**
 * One network to train: an equation's samples (at least {@code TrainingConfig.requiredSamples()}; the
 * first part trains, the next part validates) and the training seed.
 */
public record TrainingTask(String equationId, float[] x, float[] y, long trainingSeed) {

    /** The seed of this network's initialisation and minibatch order: (equation id, training seed). */
    public long networkSeed() {
        return TrainingSeeds.networkSeed(equationId, trainingSeed);
    }
}

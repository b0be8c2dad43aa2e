package io.weights2eq.domain.training;

import io.weights2eq.domain.equation.DeterministicRandom;

/**
 * The order in which one network sees its training samples: a fresh Fisher–Yates permutation of the
 * training split every epoch, cut into consecutive minibatches (the last of an epoch may be smaller).
 * Every backend reads the same order, so backends can be compared step by step.
 */
public final class MinibatchOrder {
    private final DeterministicRandom rnd;
    private final int trainSamples;
    private int epochsDrawn;

    public MinibatchOrder(long networkSeed, int attempt, int trainSamples) {
        this.rnd = TrainingSeeds.order(networkSeed, attempt);
        this.trainSamples = trainSamples;
    }

    /** Fills {@code out} with the next epoch's permutation of 0 .. trainSamples-1; call once per epoch, in order. */
    public void nextEpoch(int[] out) {
        for (int i = 0; i < trainSamples; i++) {
            out[i] = i;
        }
        for (int i = trainSamples - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        epochsDrawn++;
    }

    public int epochsDrawn() {
        return epochsDrawn;
    }

    /** Number of minibatches in one epoch. */
    public static int batchesPerEpoch(int trainSamples, int minibatch) {
        return (trainSamples + minibatch - 1) / minibatch;
    }
}

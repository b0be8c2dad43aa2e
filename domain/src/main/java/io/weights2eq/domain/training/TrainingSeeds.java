package io.weights2eq.domain.training;

import io.weights2eq.domain.equation.DeterministicRandom;
import java.nio.charset.StandardCharsets;

/**
 * Seeds of a network's initialisation and minibatch order, derived from (equation id, training seed,
 * attempt) only: never from the batch it trains in, the thread, or the machine.
 */
public final class TrainingSeeds {
    private static final long INIT_STREAM = 0x1D17L;
    private static final long ORDER_STREAM = 0x0DE5L;

    private TrainingSeeds() {}

    public static long networkSeed(String equationId, long trainingSeed) {
        long hash = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 id: fixed, unlike String.hashCode's width
        for (byte b : equationId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return DeterministicRandom.forEquation(trainingSeed, hash).nextLong();
    }

    static DeterministicRandom initialisation(long networkSeed, int attempt) {
        return DeterministicRandom.forEquation(networkSeed ^ INIT_STREAM, attempt);
    }

    static DeterministicRandom order(long networkSeed, int attempt) {
        return DeterministicRandom.forEquation(networkSeed ^ ORDER_STREAM, attempt);
    }
}

package io.weights2eq.domain.training;

import io.weights2eq.domain.network.InputDomain;
import java.util.Objects;

/**
 * One network to train: an equation's samples (at least {@code TrainingConfig.requiredSamples()}; the first part
 * trains, the next part validates), the training seed, and the domain of its inputs. With n inputs x is
 * sample-major: {@code x[i * n + j]} is input j of sample i, so {@code x.length = n * y.length}. The trained
 * network carries the domain.
 */
public record TrainingTask(String equationId, float[] x, float[] y, long trainingSeed, InputDomain domain) {

    public TrainingTask {
        Objects.requireNonNull(domain, "domain");
    }

    /** One input on [-1, 1]. */
    public TrainingTask(String equationId, float[] x, float[] y, long trainingSeed) {
        this(equationId, x, y, trainingSeed, InputDomain.unit(1));
    }

    /** Values of x per sample: 1 or 2. */
    public int inputs() {
        return domain.inputs();
    }

    /** The seed of this network's initialisation and minibatch order: (equation id, training seed). */
    public long networkSeed() {
        return TrainingSeeds.networkSeed(equationId, trainingSeed);
    }
}

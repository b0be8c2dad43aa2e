package io.weights2eq.domain.training;

import io.weights2eq.domain.network.InputDomain;
import java.util.List;

/**
 * Trains many networks at once for {@code config.steps()} Adam steps from given initial parameters
 * and minibatch orders. Each network must train exactly as if it were alone. Quality gate, retries
 * and metrics live in {@link NetworkTrainer}, the same for every backend.
 */
public interface TrainingBackend extends AutoCloseable {

    String name();

    /** The most inputs ({@code layers[0]}) of the networks it trains; {@link NetworkTrainer} refuses tasks of more. */
    default int maxInputs() {
        return InputDomain.MAX_INPUTS;
    }

    /** Final parameters of each task, in the {@code NetworkLayout} order, same order as the tasks. */
    List<float[]> train(TrainingConfig config, List<BackendTask> tasks);

    @Override
    default void close() {}
}

package io.weights2eq.domain.training;

import io.weights2eq.domain.equation.SampleChecks;
import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trains networks with a backend and applies the quality gate: a network whose relative validation
 * MSE misses the target is trained again from another initialisation (attempt 1, 2, …); after the
 * last attempt the best one is kept and marked {@code converged=false}.
 *
 * <p>A task of n inputs trains the configured hidden layers with input size n ({@link TrainingConfig#withInputs});
 * the network it gives carries the task's domain.
 */
public final class NetworkTrainer {
    private final TrainingBackend backend;
    private final TrainingConfig config;

    public NetworkTrainer(TrainingBackend backend, TrainingConfig config) {
        Violation.requireNone("training config", config.validate());
        this.backend = backend;
        this.config = config;
    }

    public TrainingConfig config() {
        return config;
    }

    public String backendName() {
        return backend.name();
    }

    /** Problems that make a task untrainable (the service sends such records to the dead-letter topic). */
    public List<Violation> check(TrainingTask task) {
        // shape and finiteness as every consumer checks them; no upper limit here (the service declares its own)
        List<Violation> v =
                new ArrayList<>(SampleChecks.check(task.x(), task.y(), task.inputs(), Integer.MAX_VALUE, "none"));
        if (task.inputs() > backend.maxInputs()) {
            v.add(new Violation(
                    "domain",
                    "the backend " + backend.name() + " trains networks of at most " + backend.maxInputs()
                            + " input(s), was " + task.inputs()));
        }
        int required = config.requiredSamples();
        if (task.y().length < required) {
            v.add(new Violation(
                    "x",
                    "needs at least " + required + " samples (" + config.trainSamples() + " train + "
                            + config.validationSamples() + " validation), was " + task.y().length));
        }
        return v;
    }

    public List<TrainedNetwork> train(List<TrainingTask> tasks) {
        for (TrainingTask task : tasks) {
            Violation.requireNone("training task " + task.equationId(), check(task));
        }
        long start = System.nanoTime();
        TrainedNetwork[] best = new TrainedNetwork[tasks.size()];
        for (int inputs = 1; inputs <= InputDomain.MAX_INPUTS; inputs++) {
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                if (tasks.get(i).inputs() == inputs) {
                    pending.add(i);
                }
            }
            train(config.withInputs(inputs), tasks, pending, best, start);
        }
        return Arrays.asList(best);
    }

    /** Trains {@code tasks[pending]} (all of {@code sized}'s input size) into {@code best}, with the retries. */
    private void train(
            TrainingConfig sized, List<TrainingTask> tasks, List<Integer> pending, TrainedNetwork[] best, long start) {
        for (int attempt = 0; attempt <= sized.retries() && !pending.isEmpty(); attempt++) {
            List<BackendTask> batch = new ArrayList<>(pending.size());
            for (int i : pending) {
                batch.add(BackendTask.attempt(sized, tasks.get(i), attempt));
            }
            List<float[]> trained = backend.train(sized, batch);
            List<Integer> missed = new ArrayList<>();
            for (int j = 0; j < pending.size(); j++) {
                int i = pending.get(j);
                TrainedNetwork result = measure(sized, tasks.get(i), trained.get(j), attempt + 1, start);
                if (best[i] == null || result.relativeValidationMse() < best[i].relativeValidationMse()) {
                    best[i] = withAttempts(result, attempt + 1);
                } else {
                    best[i] = withAttempts(best[i], attempt + 1);
                }
                if (!result.converged()) {
                    missed.add(i);
                }
            }
            pending = missed;
        }
    }

    private static TrainedNetwork measure(
            TrainingConfig config, TrainingTask task, float[] parameters, int attempts, long start) {
        Network network = new Network(config.layout(), config.activation(), parameters, task.domain());
        int train = config.trainSamples();
        int end = config.requiredSamples();
        double trainMse = Fit.mse(network, task.x(), task.y(), 0, train);
        double validationMse = Fit.mse(network, task.x(), task.y(), train, end);
        double relative = Fit.relative(validationMse, Fit.variance(task.y(), train, end));
        boolean converged = relative <= config.targetRelativeMse();
        return new TrainedNetwork(
                task.equationId(),
                network,
                trainMse,
                validationMse,
                relative,
                config.steps(),
                attempts,
                converged,
                task.trainingSeed(),
                System.nanoTime() - start);
    }

    private static TrainedNetwork withAttempts(TrainedNetwork t, int attempts) {
        return new TrainedNetwork(
                t.equationId(),
                t.network(),
                t.trainMse(),
                t.validationMse(),
                t.relativeValidationMse(),
                t.steps(),
                attempts,
                t.converged(),
                t.trainingSeed(),
                t.trainingNanos());
    }
}

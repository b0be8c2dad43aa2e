package io.weights2eq.evaluation;

import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.Arrays;
import java.util.List;

/**
 * The trainer's figures of an in-process evaluation run.
 *
 * @param backend the training backend's name
 * @param seconds the wall time of training (generation of the samples included)
 */
public record TrainerFigures(
        String backend,
        int threads,
        TrainingConfig config,
        int networks,
        int converged,
        double medianRelativeMse,
        double p90RelativeMse,
        double medianValidationMse,
        double meanAttempts,
        double seconds) {

    public static TrainerFigures of(
            String backend, int threads, TrainingConfig config, List<TrainedNetwork> trained, double seconds) {
        double[] relative = trained.stream()
                .mapToDouble(TrainedNetwork::relativeValidationMse)
                .sorted()
                .toArray();
        double[] validation = trained.stream()
                .mapToDouble(TrainedNetwork::validationMse)
                .sorted()
                .toArray();
        int converged = (int) trained.stream().filter(TrainedNetwork::converged).count();
        double attempts =
                trained.stream().mapToInt(TrainedNetwork::attempts).average().orElse(Double.NaN);
        return new TrainerFigures(
                backend,
                threads,
                config,
                trained.size(),
                converged,
                quantile(relative, 0.5),
                quantile(relative, 0.9),
                quantile(validation, 0.5),
                attempts,
                seconds);
    }

    public double convergenceRate() {
        return networks == 0 ? Double.NaN : (double) converged / networks;
    }

    public double networksPerSecond() {
        return seconds > 0 ? networks / seconds : Double.NaN;
    }

    /** The q-quantile of the values, linearly interpolated between ranks; NaN when empty. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double[] s = sorted.clone();
        Arrays.sort(s);
        double index = q * (s.length - 1);
        int lo = (int) Math.floor(index);
        int hi = (int) Math.ceil(index);
        return s[lo] + (s[hi] - s[lo]) * (index - lo);
    }
}

package io.weights2eq.training.djl.bench;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.MinibatchOrder;
import io.weights2eq.domain.training.ParameterInitializer;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Fixed-seed equations and the backend tasks made from them, as {@code NetworkTrainer} makes them. */
public final class Equations {
    /** Training seed of every benchmark network (with the equation id it seeds initialisation and order). */
    public static final long TRAINING_SEED = 7;

    private Equations() {
    }

    /** {@code count} equations of the default family (quadratics in [-5, 5]), x in [-1, 1). */
    public static List<TrainingTask> generate(long jobSeed, int count, int samples) {
        EquationGenerator generator = new EquationGenerator(EquationFamily.defaults(), new SampleSpec(samples, -1, 1));
        List<TrainingTask> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            GeneratedEquation eq = generator.generate(jobSeed, i);
            tasks.add(new TrainingTask("bench-" + jobSeed + "-" + i, eq.x(), eq.y(), TRAINING_SEED));
        }
        return tasks;
    }

    /** The first attempt's backend task: the training split, the initial parameters and a fresh order. */
    public static BackendTask backendTask(TrainingConfig config, TrainingTask task) {
        int train = config.trainSamples();
        long seed = task.networkSeed();
        return new BackendTask(Arrays.copyOfRange(task.x(), 0, train), Arrays.copyOfRange(task.y(), 0, train),
                ParameterInitializer.initialise(config.layout(), seed, 0), new MinibatchOrder(seed, 0, train));
    }

    public static List<BackendTask> backendTasks(TrainingConfig config, List<TrainingTask> tasks) {
        List<BackendTask> out = new ArrayList<>(tasks.size());
        for (TrainingTask t : tasks) {
            out.add(backendTask(config, t));
        }
        return out;
    }
}

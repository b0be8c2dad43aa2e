package io.weights2eq.domain.training;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import java.util.ArrayList;
import java.util.List;

/** Fixed-seed equations and their first backend tasks: what benchmarks and cross-backend tests train. */
public final class BenchmarkTasks {
    /** Training seed of every benchmark network (with the equation id it seeds initialisation and order). */
    public static final long TRAINING_SEED = 7;

    private BenchmarkTasks() {}

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

    /** The first attempt's backend task, as {@link NetworkTrainer} makes it. */
    public static BackendTask backendTask(TrainingConfig config, TrainingTask task) {
        return BackendTask.attempt(config, task, 0);
    }

    public static List<BackendTask> backendTasks(TrainingConfig config, List<TrainingTask> tasks) {
        List<BackendTask> out = new ArrayList<>(tasks.size());
        for (TrainingTask t : tasks) {
            out.add(backendTask(config, t));
        }
        return out;
    }
}

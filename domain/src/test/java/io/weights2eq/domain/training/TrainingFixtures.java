package io.weights2eq.domain.training;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Training tasks for tests: functions sampled on [-1, 1), generated equations, and backend tasks built like NetworkTrainer does. */
public final class TrainingFixtures {
    private TrainingFixtures() {}

    /** {@code samples} points x uniform in [-1, 1) (a fixed stream per id), y = f(x) rounded to float. */
    public static TrainingTask function(String id, DoubleUnaryOperator f, int samples, long trainingSeed) {
        DeterministicRandom rnd = DeterministicRandom.forEquation(0x7E57L, id.hashCode());
        float[] x = new float[samples];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (2 * rnd.nextDouble() - 1);
            y[i] = (float) f.applyAsDouble(x[i]);
        }
        return new TrainingTask(id, x, y, trainingSeed);
    }

    /**
     * {@code samples} points (x1, x2) uniform on {@code domain} (a fixed stream per id), sample-major, y = f(x1, x2)
     * rounded to float.
     */
    public static TrainingTask function(
            String id, DoubleBinaryOperator f, InputDomain domain, int samples, long trainingSeed) {
        DeterministicRandom rnd = DeterministicRandom.forEquation(0x7E57L, id.hashCode());
        float[] x = new float[2 * samples];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < 2; j++) {
                Interval in = domain.input(j);
                x[2 * i + j] = (float) (in.lo() + in.width() * rnd.nextDouble());
            }
            y[i] = (float) f.applyAsDouble(x[2 * i], x[2 * i + 1]);
        }
        return new TrainingTask(id, x, y, trainingSeed, domain);
    }

    /** Equations 0 .. count-1 of a job of the default family with {@code samples} samples each. */
    public static List<TrainingTask> equations(int count, int samples, long trainingSeed) {
        EquationGenerator generator = new EquationGenerator(EquationFamily.defaults(), new SampleSpec(samples, -1, 1));
        List<TrainingTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GeneratedEquation e = generator.generate(99, i);
            tasks.add(new TrainingTask("eq-" + i, e.x(), e.y(), trainingSeed));
        }
        return tasks;
    }

    /** The backend task of attempt {@code attempt}, exactly as NetworkTrainer builds it (fresh minibatch order). */
    public static BackendTask backendTask(TrainingConfig config, TrainingTask task, int attempt) {
        return BackendTask.attempt(config, task, attempt);
    }

    public static List<BackendTask> backendTasks(TrainingConfig config, List<TrainingTask> tasks) {
        List<BackendTask> out = new ArrayList<>();
        for (TrainingTask task : tasks) {
            out.add(backendTask(config, task, 0));
        }
        return out;
    }

    /** Trains fresh backend tasks (attempt 0) of {@code tasks}. */
    public static List<float[]> train(TrainingBackend backend, TrainingConfig config, List<TrainingTask> tasks) {
        return backend.train(config, backendTasks(config, tasks));
    }
}

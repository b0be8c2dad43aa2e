package io.weights2eq.training.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.BenchmarkTasks;
import io.weights2eq.domain.training.LearningRateSchedule;
import io.weights2eq.domain.training.MinibatchOrder;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.CpuBackends;
import io.weights2eq.domain.training.kernel.ScalarBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * From the same initial parameters and minibatch orders, the DJL backend follows the CPU kernel
 * ({@link ScalarBackend}: the kernel's arithmetic, bit-identical to the Vector API kernel) step by step,
 * within the float tolerance of {@link Parameters}.
 */
class MatchesKernelTest {
    private static final List<TrainingTask> EQUATIONS = BenchmarkTasks.generate(11, 12, 5000);
    private static DjlTrainingBackend djl;

    @BeforeAll
    static void start() {
        djl = new DjlTrainingBackend();
    }

    @AfterAll
    static void stop() {
        djl.close();
    }

    private static List<float[]> train(TrainingBackend backend, TrainingConfig config) {
        return backend.train(config, BenchmarkTasks.backendTasks(config, EQUATIONS));
    }

    @Test
    void refusesTwoInputNetworksByName() {
        TrainingConfig two = TrainingConfig.defaults().withInputs(2);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> djl.train(two, List.of()));
        org.junit.jupiter.api.Assertions.assertEquals(
                "layers: the DJL backend trains networks of one input, [2, 8, 7, 8, 1] has 2; train them with the CPU"
                        + " kernel",
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}, {1} steps")
    @CsvSource({"RELU, 1", "RELU, 5", "RELU, 20", "TANH, 1", "TANH, 5", "TANH, 20"})
    void followsTheKernelStepByStep(Activation activation, int steps) {
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(activation).withSteps(steps);
        Parameters.assertClose(
                train(new ScalarBackend(), config), train(djl, config), activation + " after " + steps + " steps");
    }

    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"RELU", "TANH"})
    void followsAPlainDoublePrecisionReference(Activation activation) {
        // an oracle written independently of both float backends, with next to no rounding of its own
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(activation).withSteps(20);
        Parameters.assertClose(
                train(new DoubleReferenceBackend(), config),
                train(djl, config),
                activation + " against the double-precision reference");
    }

    @Test
    void followsTheBestCpuBackend() {
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(Activation.TANH).withSteps(20);
        try (TrainingBackend best = CpuBackends.best(2)) {
            Parameters.assertClose(train(best, config), train(djl, config), best.name() + ", tanh, 20 steps");
        }
    }

    @Test
    void theToleranceCatchesAWrongMinibatch() {
        // the same networks trained on another attempt's order: only the minibatches differ
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(Activation.TANH).withSteps(5);
        List<BackendTask> shifted = new ArrayList<>();
        for (BackendTask t : BenchmarkTasks.backendTasks(config, EQUATIONS)) {
            shifted.add(new BackendTask(
                    t.trainX(), t.trainY(), t.initialParameters(), new MinibatchOrder(42, 1, config.trainSamples())));
        }
        double ratio = Parameters.worstRatio(train(new ScalarBackend(), config), djl.train(config, shifted));
        assertTrue(ratio > 10, "another minibatch order must be far outside the tolerance, was " + ratio + "×");
    }

    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"SIGMOID", "SOFTPLUS"})
    void otherActivations(Activation activation) {
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(activation).withSteps(20);
        Parameters.assertClose(train(new ScalarBackend(), config), train(djl, config), activation.label());
    }

    @Test
    void aSmallerLastMinibatchACosineScheduleAndAnotherLayout() {
        // 1000 training samples in minibatches of 300: 300, 300, 300, 100, then a new permutation
        TrainingConfig base = TrainingConfig.defaults()
                .withActivation(Activation.TANH)
                .withSamples(1000, 200, 300)
                .withSteps(20);
        TrainingConfig config = new TrainingConfig(
                new NetworkLayout(1, 5, 3, 1),
                base.activation(),
                base.steps(),
                base.minibatch(),
                base.learningRate(),
                LearningRateSchedule.COSINE,
                base.beta1(),
                base.beta2(),
                base.epsilon(),
                base.trainSamples(),
                base.validationSamples(),
                base.targetRelativeMse(),
                base.retries(),
                base.normConstraint());
        Parameters.assertClose(
                train(new ScalarBackend(), config), train(djl, config), "1-5-3-1, mb 300 of 1000, cosine");
    }

    @ParameterizedTest
    @EnumSource(
            value = NormConstraint.class,
            names = {"L1", "L2"})
    void normConstraints(NormConstraint constraint) {
        TrainingConfig config = TrainingConfig.defaults()
                .withActivation(Activation.TANH)
                .withSteps(20)
                .withNormConstraint(constraint);
        List<float[]> trained = train(djl, config);
        Parameters.assertClose(train(new ScalarBackend(), config), trained, constraint + " constraint");
        NetworkLayout layout = config.layout();
        for (float[] p : trained) {
            for (int k = 0; k < layout.linearLayers() - 1; k++) {
                for (int o = 0; o < layout.size(k + 1); o++) {
                    double b = p[layout.biasIndex(k, o)];
                    double norm = constraint == NormConstraint.L2 ? b * b : Math.abs(b);
                    for (int i = 0; i < layout.size(k); i++) {
                        double w = p[layout.weightIndex(k, o, i)];
                        norm += constraint == NormConstraint.L2 ? w * w : Math.abs(w);
                    }
                    norm = constraint == NormConstraint.L2 ? Math.sqrt(norm) : norm;
                    assertTrue(norm <= 1 + 1e-5, "layer " + k + " neuron " + o + " norm " + norm);
                }
            }
        }
    }

    @Test
    void everyVariantTrainsTheSameNetworks() {
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(Activation.TANH).withSteps(20);
        List<float[]> reference = train(djl, config);
        DjlBackendConfig base = DjlBackendConfig.defaults();
        for (DjlBackendConfig variant : List.of(
                base.withGather(DjlBackendConfig.Gather.DEVICE),
                base.withGradients(DjlBackendConfig.Gradients.AUTOGRAD),
                base.withThreads(2, 1))) {
            try (DjlTrainingBackend backend = new DjlTrainingBackend(variant)) {
                Parameters.assertClose(reference, train(backend, config), variant.describe());
            }
        }
        // chunking and workers change nothing: each network's arithmetic is its own, bit for bit
        try (DjlTrainingBackend chunked =
                new DjlTrainingBackend(base.withMaxBatch(5).withThreads(1, 2))) {
            List<float[]> got = train(chunked, config);
            for (int n = 0; n < reference.size(); n++) {
                assertArrayEquals(reference.get(n), got.get(n), "network " + n + " in chunks of 5 on 2 workers");
            }
        }
    }
}

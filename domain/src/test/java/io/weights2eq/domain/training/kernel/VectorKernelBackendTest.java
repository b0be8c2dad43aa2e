package io.weights2eq.domain.training.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.LearningRateSchedule;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingFixtures;
import io.weights2eq.domain.training.TrainingTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vector kernel trains every network exactly (bit for bit) as the scalar reference does, whatever it
 * shares a SIMD group with, whatever its lane, thread or thread count.
 */
class VectorKernelBackendTest {
    /**
     * Small but complete: 600 training samples in minibatches of 127 (4 full ones and a last one of 92 per
     * epoch; 127 is not a multiple of 4, so the kernel's padding is exercised), 40 steps = 8 epochs.
     */
    static final TrainingConfig SMALL = TrainingConfig.defaults().withSteps(40).withSamples(600, 100, 127);

    static VectorKernelBackend twoThreads;
    static VectorKernelBackend oneThread;

    @BeforeAll
    static void start() {
        twoThreads = new VectorKernelBackend(2);
        oneThread = new VectorKernelBackend(1);
    }

    @AfterAll
    static void stop() {
        twoThreads.close();
        oneThread.close();
    }

    static List<TrainingTask> tasks(int count, long trainingSeed) {
        return TrainingFixtures.equations(count, 700, trainingSeed);
    }

    static void assertBitIdentical(List<float[]> expected, List<float[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + ": network " + i); // float bits (NaN-aware)
        }
    }

    @Test
    void batchedEqualsAloneInAnyLaneAndThreadCount() {
        List<TrainingTask> tasks = tasks(19, 5); // not a multiple of the lanes: a padded last group
        List<float[]> together = TrainingFixtures.train(twoThreads, SMALL, tasks);

        List<float[]> alone = new ArrayList<>();
        for (TrainingTask task : tasks) {
            alone.add(TrainingFixtures.train(oneThread, SMALL, List.of(task)).get(0));
        }
        assertBitIdentical(together, alone, "19 together (2 threads) vs each alone (1 thread)");

        List<TrainingTask> reversed = new ArrayList<>(tasks);
        Collections.reverse(reversed); // every network in another lane and group
        List<float[]> backwards = TrainingFixtures.train(oneThread, SMALL, reversed);
        Collections.reverse(backwards);
        assertBitIdentical(together, backwards, "reversed order, 1 thread");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void vectorEqualsScalarBitForBit(Activation activation) {
        TrainingConfig config = SMALL.withActivation(activation);
        List<TrainingTask> tasks = tasks(3, 7);
        List<float[]> scalar = TrainingFixtures.train(new ScalarBackend(), config, tasks);
        assertBitIdentical(
                scalar, TrainingFixtures.train(twoThreads, config, tasks), activation + ", unrolled 1-8-7-8-1");
        try (VectorKernelBackend general = new VectorKernelBackend(1, false)) {
            assertBitIdentical(scalar, TrainingFixtures.train(general, config, tasks), activation + ", general path");
        }
    }

    @ParameterizedTest
    @EnumSource(NormConstraint.class)
    void otherLayoutsSchedulesAndConstraintsMatchTheScalarReference(NormConstraint constraint) {
        for (NetworkLayout layout :
                List.of(new NetworkLayout(1, 5, 3, 1), new NetworkLayout(1, 16, 1), new NetworkLayout(1, 9, 6, 2, 1))) {
            TrainingConfig config = new TrainingConfig(
                    layout,
                    Activation.TANH,
                    25,
                    61,
                    3e-2,
                    LearningRateSchedule.COSINE,
                    0.9,
                    0.999,
                    1e-8,
                    300,
                    50,
                    1e-3,
                    0,
                    constraint);
            List<TrainingTask> tasks = tasks(2, 11);
            assertBitIdentical(
                    TrainingFixtures.train(new ScalarBackend(), config, tasks),
                    TrainingFixtures.train(twoThreads, config, tasks),
                    layout + " " + constraint);
        }
    }

    /** Two-input tasks on a shifted domain: x sample-major, (x1, x2) per sample. */
    static List<TrainingTask> twoInputTasks(int count) {
        InputDomain domain = new InputDomain(List.of(new Interval(-2, 1), new Interval(0.5, 3)));
        List<TrainingTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double a = 0.3 * i - 1;
            tasks.add(TrainingFixtures.function(
                    "two-" + i, (x1, x2) -> x1 * x2 + Math.sin(a * x1) - 0.5 * x2, domain, 700, 13));
        }
        return tasks;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void twoInputsVectorEqualsScalarBitForBit(Activation activation) {
        TrainingConfig config = SMALL.withActivation(activation).withInputs(2);
        assertEquals(new NetworkLayout(2, 8, 7, 8, 1), config.layout());
        List<TrainingTask> tasks = twoInputTasks(11); // not a multiple of the lanes: a padded last group
        List<float[]> scalar = TrainingFixtures.train(new ScalarBackend(), config, tasks);
        assertBitIdentical(scalar, TrainingFixtures.train(twoThreads, config, tasks), activation + ", 2-8-7-8-1");
        List<float[]> alone = new ArrayList<>();
        for (TrainingTask task : tasks) {
            alone.add(TrainingFixtures.train(oneThread, config, List.of(task)).get(0));
        }
        assertBitIdentical(scalar, alone, activation + ", each alone");
        // training moved every network, and the second input mattered: swapping x1 and x2 trains another network
        float[] initial = TrainingFixtures.backendTask(config, tasks.get(0), 0).initialParameters();
        assertFalse(java.util.Arrays.equals(initial, scalar.get(0)));
        float[] swapped = tasks.get(0).x().clone();
        for (int i = 0; i < swapped.length; i += 2) {
            swapped[i] = tasks.get(0).x()[i + 1];
            swapped[i + 1] = tasks.get(0).x()[i];
        }
        TrainingTask other = new TrainingTask(
                tasks.get(0).equationId(),
                swapped,
                tasks.get(0).y(),
                13,
                tasks.get(0).domain());
        assertFalse(java.util.Arrays.equals(
                scalar.get(0),
                TrainingFixtures.train(twoThreads, config, List.of(other)).get(0)));
    }

    @Test
    void twoInputsInOtherLayoutsMatchTheScalarReference() {
        for (NetworkLayout layout : List.of(new NetworkLayout(2, 5, 3, 1), new NetworkLayout(2, 16, 1))) {
            TrainingConfig config = new TrainingConfig(
                    layout,
                    Activation.TANH,
                    25,
                    61,
                    3e-2,
                    LearningRateSchedule.COSINE,
                    0.9,
                    0.999,
                    1e-8,
                    300,
                    50,
                    1e-3,
                    0,
                    NormConstraint.L2);
            List<TrainingTask> tasks = twoInputTasks(3);
            assertBitIdentical(
                    TrainingFixtures.train(new ScalarBackend(), config, tasks),
                    TrainingFixtures.train(twoThreads, config, tasks),
                    layout.toString());
        }
    }

    @Test
    void tanhKernelIsCloseToTheTextbookDefinition() {
        TrainingConfig config = SMALL.withActivation(Activation.TANH).withSteps(5);
        List<TrainingTask> tasks = tasks(2, 3);
        List<float[]> exact = TrainingFixtures.train(new ScalarBackend(true), config, tasks);
        List<float[]> kernel = TrainingFixtures.train(twoThreads, config, tasks);
        double worst = 0;
        for (int i = 0; i < tasks.size(); i++) {
            for (int q = 0; q < exact.get(i).length; q++) {
                worst = Math.max(worst, Math.abs(exact.get(i)[q] - kernel.get(i)[q]));
            }
        }
        // 5 Adam steps of lr 1e-2 move each parameter by up to 5e-2; the kernel's tanh differs from Math.tanh by <
        // 3e-7.
        assertTrue(worst < 1e-4, "largest parameter difference " + worst);
    }

    @Test
    void sameTaskTwiceIsIdenticalAndAnotherTrainingSeedIsNot() {
        List<float[]> first = TrainingFixtures.train(twoThreads, SMALL, tasks(3, 21));
        List<float[]> again = TrainingFixtures.train(twoThreads, SMALL, tasks(3, 21));
        List<float[]> reseeded = TrainingFixtures.train(twoThreads, SMALL, tasks(3, 22));
        assertBitIdentical(first, again, "same tasks twice");
        for (int i = 0; i < first.size(); i++) {
            assertFalse(java.util.Arrays.equals(first.get(i), reseeded.get(i)), "another training seed, network " + i);
        }
    }

    @Test
    void emptyInputAndNames() {
        assertTrue(twoThreads.train(SMALL, List.of()).isEmpty());
        assertTrue(VectorKernelBackend.lanes() >= 2, "lanes " + VectorKernelBackend.lanes());
        assertEquals("vector-f32x" + VectorKernelBackend.lanes() + "-t2", twoThreads.name());
        assertEquals(2, twoThreads.threads());
    }
}

package io.weights2eq.training.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.training.BenchmarkTasks;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Memory stays flat: per step (an NDScope per step) and over many train calls (a manager per chunk). */
class MemoryTest {
    private static final List<TrainingTask> EQUATIONS = BenchmarkTasks.generate(3, 8, 5000);

    private static int liveArraysAfter(int steps, DjlBackendConfig djl) {
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(Activation.SOFTPLUS).withSteps(steps);
        Engine engine = DjlEngines.pytorch();
        try (ChunkTrainer trainer =
                new ChunkTrainer(engine, Device.cpu(), config, djl, BenchmarkTasks.backendTasks(config, EQUATIONS))) {
            trainer.trackLiveArrays = true;
            if (djl.gradients() == DjlBackendConfig.Gradients.AUTOGRAD) {
                trainer.attachGradient();
            }
            trainer.train();
            return trainer.maxLiveArrays;
        }
    }

    @Test
    void theArraysAChunkHoldsDoNotGrowWithSteps() {
        for (DjlBackendConfig djl : List.of(
                DjlBackendConfig.defaults(),
                DjlBackendConfig.defaults().withGather(DjlBackendConfig.Gather.DEVICE),
                DjlBackendConfig.defaults().withGradients(DjlBackendConfig.Gradients.AUTOGRAD))) {
            int few = liveArraysAfter(3, djl);
            int many = liveArraysAfter(40, djl);
            assertEquals(few, many, djl.describe() + ": arrays held after 3 steps vs 40 steps");
            assertTrue(
                    few < 48,
                    djl.describe() + ": a chunk holds parameters, moments, constants and layer views" + " only, was "
                            + few);
        }
    }

    @Test
    void manyTrainCallsLeaveNothingBehind() throws IOException {
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(Activation.TANH).withSteps(20);
        NDManager root;
        try (NDManager probe = DjlEngines.pytorch().newBaseManager()) {
            root = probe.getParentManager();
        }
        try (DjlTrainingBackend backend = new DjlTrainingBackend()) {
            // warm-up: libtorch's code pages and allocator pools count as resident memory as they are touched
            trainTimes(backend, config, 30);
            int arrays = root.getManagedArrays().size();
            trainTimes(backend, config, 30);
            long plateau = nativeKiB();
            trainTimes(backend, config, 30);
            long after = nativeKiB();
            assertEquals(arrays, root.getManagedArrays().size(), "arrays under the engine's root manager");
            if (plateau > 0) {
                // 30 calls × 20 steps: one leaked [8, 8, 500] float tensor per step would be 75 MiB (a step
                // makes about 20 such tensors); resident memory itself wanders by ±15 MiB (malloc, page cache)
                long grownMiB = (after - plateau) / 1024;
                assertTrue(grownMiB < 32, "native memory grew by " + grownMiB + " MiB over 30 train calls");
            }
        }
    }

    private static void trainTimes(DjlTrainingBackend backend, TrainingConfig config, int calls) {
        for (int i = 0; i < calls; i++) {
            backend.train(config, BenchmarkTasks.backendTasks(config, EQUATIONS));
        }
    }

    /** Resident memory outside the Java heap and the JVM's own pools (after a GC): libtorch's share. */
    private static long nativeKiB() throws IOException {
        System.gc(); // also frees the direct buffers of closed chunks
        try {
            Thread.sleep(200); // the cleaner thread frees them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long rss = residentKiB();
        if (rss < 0) {
            return -1;
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long jvm = memory.getHeapMemoryUsage().getCommitted()
                + memory.getNonHeapMemoryUsage().getCommitted();
        return rss - jvm / 1024;
    }

    private static long residentKiB() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}

package io.weights2eq.training.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.training.BenchmarkTasks;
import io.weights2eq.domain.training.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine works with the network cut: DJL runs with {@code ai.djl.offline=true}, so it cannot download
 * anything, and the native library it loads is the one unpacked from the {@code pytorch-native-cpu} jar.
 */
class OfflineEngineTest {

    @Test
    void theEngineLoadsOfflineFromTheJarAndRunsATensorOperation() throws Exception {
        Engine engine = DjlEngines.pytorch();
        assertEquals("true", System.getProperty(DjlEngines.OFFLINE), "surefire runs DJL offline");
        assertEquals("PyTorch", engine.getEngineName());
        assertTrue(engine.getVersion().startsWith("2."), "libtorch version " + engine.getVersion());
        // the native jar is on the class path and its libraries were unpacked into the DJL cache
        assertNotNull(
                getClass().getClassLoader().getResource("native/lib/pytorch.properties"),
                "pytorch-native-cpu jar on the class path");
        Path cache = Utils.getEngineCacheDir("pytorch");
        try (Stream<Path> files = Files.walk(cache)) {
            assertTrue(
                    files.anyMatch(p -> p.getFileName().toString().startsWith("libtorch_cpu")),
                    "libtorch_cpu unpacked under " + cache);
        }
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            assertArrayEquals(new float[] {7, 10, 15, 22}, a.matMul(a).toFloatArray());
        }
    }

    @Test
    void askingForAMissingGpuFailsClearly() {
        if (DjlEngines.pytorch().getGpuCount() > 0) {
            return; // a CUDA build on a GPU machine: nothing to show
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DjlEngines.device("gpu"));
        assertTrue(e.getMessage().contains("-Pcuda"), e.getMessage());
        assertEquals(Device.cpu(), DjlEngines.device("auto"));
    }

    @Test
    void trainsOnAThreadThatRecordsGradientsAndLeavesItSo() {
        // Quarkus worker threads start with gradient recording on; in-place updates would fail with it
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(Activation.RELU).withSteps(5);
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (DjlTrainingBackend backend = new DjlTrainingBackend()) {
            List<float[]> trained =
                    backend.train(config, BenchmarkTasks.backendTasks(config, BenchmarkTasks.generate(2, 3, 5000)));
            assertEquals(3, trained.size());
            assertTrue(JniUtils.isGradMode(), "the caller's gradient mode is restored");
        } finally {
            JniUtils.setGradMode(before);
        }
    }
}

package io.weights2eq.training.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DjlBackendConfigTest {

    @Test
    void defaultsAndSystemProperties() {
        assertEquals("cpu t1 w1 b64 host manual", DjlBackendConfig.defaults().describe());
        assertEquals("cpu t1 w4 b64 host manual", DjlBackendConfig.forCores(4).describe());
        System.setProperty("w2e.djl.device", "GPU(1)");
        System.setProperty("w2e.djl.gather", "device");
        try {
            DjlBackendConfig c = DjlBackendConfig.fromSystemProperties();
            assertEquals("gpu(1)", c.device());
            assertEquals(DjlBackendConfig.Gather.DEVICE, c.gather());
        } finally {
            System.clearProperty("w2e.djl.device");
            System.clearProperty("w2e.djl.gather");
        }
    }

    @Test
    void rejectsNonsense() {
        DjlBackendConfig d = DjlBackendConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withDevice("tpu"));
        assertThrows(IllegalArgumentException.class, () -> d.withThreads(0, 1));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxBatch(0));
        // one GradientCollector per JVM: autograd cannot run on several workers
        assertThrows(
                IllegalArgumentException.class,
                () -> d.withGradients(DjlBackendConfig.Gradients.AUTOGRAD).withThreads(1, 2));
    }
}

package io.weights2eq.domain.training.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.training.TrainingBackend;
import org.junit.jupiter.api.Test;

class CpuBackendsTest {

    @Test
    void theVectorKernelWhereTheModuleIsPresent() {
        // the build runs tests with --add-modules jdk.incubator.vector (surefire.argLine of the parent POM)
        assertTrue(CpuBackends.vectorApiAvailable());
        try (TrainingBackend best = CpuBackends.best(3)) {
            VectorKernelBackend vector = assertInstanceOf(VectorKernelBackend.class, best);
            assertEquals(3, vector.threads());
        }
    }

    @Test
    void invalidThreadCounts() {
        assertThrows(IllegalArgumentException.class, () -> new VectorKernelBackend(0));
        assertThrows(IllegalArgumentException.class, () -> new ScalarBackend(false, 0));
    }

    @Test
    void theScalarBackendGivesTheSameBitsOnSeveralThreads() {
        var config = VectorKernelBackendTest.SMALL.withSteps(10);
        var tasks = VectorKernelBackendTest.tasks(5, 9);
        try (ScalarBackend parallel = new ScalarBackend(false, 3)) {
            assertEquals("scalar-t3", parallel.name());
            VectorKernelBackendTest.assertBitIdentical(
                    io.weights2eq.domain.training.TrainingFixtures.train(new ScalarBackend(), config, tasks),
                    io.weights2eq.domain.training.TrainingFixtures.train(parallel, config, tasks),
                    "scalar, 3 threads vs 1");
        }
    }

    @Test
    void cacheLineAlignment() {
        float[] a = CacheLineArrays.allocate(1000);
        assertEquals(1000, a.length);
        if (CacheLineArrays.supported()) {
            assertEquals(0, CacheLineArrays.misalignment(a));
            assertTrue(CacheLineArrays.aligned(a));
        } else {
            assertEquals(-1, CacheLineArrays.misalignment(a));
        }
    }
}

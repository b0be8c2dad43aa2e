package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.training.TrainingBackend;
import java.util.concurrent.atomic.AtomicBoolean;

/** Picks the fastest CPU training backend this JVM can run. */
public final class CpuBackends {
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final System.Logger LOG = System.getLogger(CpuBackends.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private CpuBackends() {}

    /** Whether {@code jdk.incubator.vector} is in the boot layer (the JVM ran with {@code --add-modules jdk.incubator.vector}). */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * {@link VectorKernelBackend} with {@code threads} workers when the Vector API module is present
     * (and the preferred vector has at least 4 float lanes), else {@link ScalarBackend} on {@code threads} threads (the same results bit for bit, many times
     * slower), logging once why.
     */
    public static TrainingBackend best(int threads) {
        String why;
        if (!vectorApiAvailable()) {
            why = "Module " + VECTOR_MODULE + " is not in this JVM (start it with --add-modules " + VECTOR_MODULE + ")";
        } else if (VectorKernelBackend.lanes() < 4) {
            why = "The preferred float vector has only " + VectorKernelBackend.lanes()
                    + " lanes here (no SIMD the JIT compiles the Vector API to)";
        } else {
            return new VectorKernelBackend(threads);
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    why + ": training uses the scalar backend, many times slower, with the" + " same results");
        }
        return new ScalarBackend(false, threads);
    }

    /** {@link #best(int)} with one thread per available processor. */
    public static TrainingBackend best() {
        return best(Runtime.getRuntime().availableProcessors());
    }
}

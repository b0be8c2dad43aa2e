package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.training.TrainingBackend;
import java.util.concurrent.atomic.AtomicBoolean;

/** Picks the fastest CPU training backend this JVM can run. */
public final class CpuBackends {
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final System.Logger LOG = System.getLogger(CpuBackends.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private CpuBackends() {
    }

    /** Whether {@code jdk.incubator.vector} is in the boot layer (the JVM ran with {@code --add-modules jdk.incubator.vector}). */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * {@link VectorKernelBackend} with {@code threads} workers when the Vector API module is present,
     * else {@link ScalarBackend} (one thread, the same results bit for bit), logging once why.
     */
    public static TrainingBackend best(int threads) {
        if (vectorApiAvailable()) {
            return new VectorKernelBackend(threads);
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "Module " + VECTOR_MODULE + " is not in this JVM (start it with"
                    + " --add-modules " + VECTOR_MODULE + "): training uses the scalar backend, single-threaded"
                    + " and many times slower, with the same results");
        }
        return new ScalarBackend();
    }

    /** {@link #best(int)} with one thread per available processor. */
    public static TrainingBackend best() {
        return best(Runtime.getRuntime().availableProcessors());
    }
}

package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CPU hot path: the Java Vector API ({@code jdk.incubator.vector}), each SIMD lane one network
 * ({@code FloatVector.SPECIES_PREFERRED}: 8 lanes with AVX2, 16 with AVX-512), forward and backward fused
 * over L1-resident blocks of samples. Semantics: the package documentation of
 * {@code io.weights2eq.domain.training.kernel}; {@link ScalarBackend} gives the same bits.
 *
 * <p>The tasks are cut into groups of {@link #lanes()} networks (the last group's free lanes train copies
 * of its own networks, whose results are discarded), and the groups are spread over a fixed pool of
 * {@code threads} worker threads. No arithmetic mixes lanes, so a network's result is the same float bits
 * whatever group, lane, thread or thread count it trains in.
 *
 * <p>Needs {@code --add-modules jdk.incubator.vector} at compile and run time; use
 * {@link CpuBackends#best(int)} to fall back to {@link ScalarBackend} where the module is missing.
 * System properties read once, for experiments: {@code weights2eq.kernel.vectorBits} (128/256/512,
 * default the preferred species; e.g. 256 to measure AVX2 speed on an AVX-512 machine),
 * {@code weights2eq.kernel.block} (samples per block, a multiple of 4; default: what fits 24 KiB).
 *
 * <p>Thread-safe: concurrent {@link #train} calls share the pool. {@link #close()} shuts the pool down.
 */
public final class VectorKernelBackend implements TrainingBackend {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final boolean unrolledAllowed;
    private final ExecutorService pool;

    /** One worker thread per available processor. */
    public VectorKernelBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public VectorKernelBackend(int threads) {
        this(threads, true);
    }

    /** @param unrolledAllowed false: the general layer loops even for NetworkLayout.DEFAULT (for tests) */
    VectorKernelBackend(int threads, boolean unrolledAllowed) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        this.unrolledAllowed = unrolledAllowed;
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "w2e-vector-kernel-" + id + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /** Networks per SIMD group: the lanes of the float species in use. */
    public static int lanes() {
        return VectorKernel.LANES;
    }

    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "vector-f32x" + lanes() + "-t" + threads;
    }

    @Override
    public List<float[]> train(TrainingConfig config, List<BackendTask> tasks) {
        KernelChecks.require(config, tasks);
        List<BackendTask> list = List.copyOf(tasks);
        int n = list.size();
        if (n == 0) {
            return List.of();
        }
        int lanes = lanes();
        int groups = (n + lanes - 1) / lanes;
        float[][] out = new float[n][];
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, groups);
        List<Callable<Void>> jobs = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            jobs.add(() -> {
                VectorKernel kernel = new VectorKernel(config, unrolledAllowed);
                for (int group; (group = next.getAndIncrement()) < groups; ) {
                    int first = group * lanes;
                    kernel.trainGroup(list, first, Math.min(lanes, n - first), out);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
        return Arrays.asList(out);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

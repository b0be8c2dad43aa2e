package io.weights2eq.training.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link TrainingBackend} on the Deep Java Library with its PyTorch engine ({@value #NAME}).
 *
 * <p>Up to {@link DjlBackendConfig#maxBatch()} networks are stacked into one chunk of tensors and trained
 * together with batched matrix products; the loss Σ_b mean_n (ŷ_b − y_b)² gives every network exactly its
 * own gradient, and Adam is element-wise, so each network trains as if it were alone: its own initial
 * parameters, its own minibatch order ({@link io.weights2eq.domain.training.MinibatchOrder}), PyTorch's Adam
 * formula. Chunks run one after another, or side by side on {@link DjlBackendConfig#workers()} threads.
 *
 * <p>Each training thread sets its PyTorch intra-op thread count and turns gradient recording off for the
 * call (Quarkus worker threads can start with it on, which breaks in-place updates), restoring it after.
 * The engine loads offline ({@link DjlEngines#pytorch()}).
 */
public final class DjlTrainingBackend implements TrainingBackend {
    public static final String NAME = "djl-pytorch";

    private final DjlBackendConfig djl;
    private final Engine engine;
    private final Device device;
    private final ExecutorService pool;

    /** A backend with {@link DjlBackendConfig#defaults()}. */
    public DjlTrainingBackend() {
        this(DjlBackendConfig.defaults());
    }

    public DjlTrainingBackend(DjlBackendConfig djl) {
        this.djl = djl;
        this.engine = DjlEngines.pytorch();
        this.device = DjlEngines.device(djl.device());
        if (djl.workers() > 1) {
            AtomicInteger ids = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(djl.workers(), r -> {
                Thread thread = new Thread(r, "djl-trainer-" + ids.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        } else {
            this.pool = null;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Its tensors hold one x per sample. */
    @Override
    public int maxInputs() {
        return 1;
    }

    public DjlBackendConfig djlConfig() {
        return djl;
    }

    /** The device the tensors live on. */
    public Device device() {
        return device;
    }

    @Override
    public List<float[]> train(TrainingConfig config, List<BackendTask> tasks) {
        Violation.requireNone("training config", config.validate());
        if (config.layout().inputSize() > maxInputs()) {
            throw new IllegalArgumentException("layers: the DJL backend trains networks of one input, "
                    + config.layout() + " has " + config.layout().inputSize() + "; train them with the CPU kernel");
        }
        // at least one chunk per worker (when there are enough tasks), at most maxBatch networks per chunk
        int chunkCount =
                Math.max((tasks.size() + djl.maxBatch() - 1) / djl.maxBatch(), Math.min(djl.workers(), tasks.size()));
        List<List<BackendTask>> chunks = new ArrayList<>(chunkCount);
        for (int c = 0; c < chunkCount; c++) {
            // chunks of equal size (e.g. 600 + 600, not 1024 + 176): the same work for every worker
            int from = (int) ((long) tasks.size() * c / chunkCount);
            int to = (int) ((long) tasks.size() * (c + 1) / chunkCount);
            chunks.add(tasks.subList(from, to));
        }
        List<float[]> result = new ArrayList<>(tasks.size());
        if (pool == null || chunks.size() < 2) {
            for (List<BackendTask> chunk : chunks) {
                result.addAll(trainChunk(config, chunk));
            }
            return result;
        }
        List<Future<List<float[]>>> futures = new ArrayList<>(chunks.size());
        for (List<BackendTask> chunk : chunks) {
            futures.add(pool.submit(() -> trainChunk(config, chunk)));
        }
        try {
            for (Future<List<float[]>> f : futures) {
                result.addAll(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("training a chunk failed", cause);
        }
        return result;
    }

    private List<float[]> trainChunk(TrainingConfig config, List<BackendTask> chunk) {
        if (chunk.isEmpty()) {
            return List.of();
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        JniUtils.setNumThreads(djl.intraOpThreads());
        try (ChunkTrainer trainer = new ChunkTrainer(engine, device, config, djl, chunk)) {
            if (djl.gradients() == DjlBackendConfig.Gradients.AUTOGRAD) {
                trainer.attachGradient();
            }
            return trainer.train();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

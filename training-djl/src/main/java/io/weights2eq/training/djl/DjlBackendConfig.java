package io.weights2eq.training.djl;

import java.util.Locale;
import java.util.Objects;

/**
 * How {@link DjlTrainingBackend} runs: where, with how many threads, in chunks of how many networks.
 *
 * @param device         {@code cpu} (default), {@code gpu} / {@code gpu(N)} (fails when there is no such GPU),
 *                       or {@code auto} (GPU 0 when the engine sees one, else the CPU)
 * @param intraOpThreads PyTorch intra-op threads of each worker thread (default 1: on small shared machines
 *                       OpenMP oversubscription made 2 threads far slower than 1, see BUILD-NOTES)
 * @param workers        Java threads that train chunks side by side, each with its own tensors and
 *                       {@code intraOpThreads} threads (default 1). Requires {@link Gradients#MANUAL}
 *                       when above 1: DJL allows one recording {@code GradientCollector} per JVM.
 * @param maxBatch       most networks stacked into one chunk of tensors (default 64: on the 2-core CPU
 *                       chunks of 32–64 networks trained about 1.8× faster than 1024, the work being bound
 *                       by the cache, not by per-operation dispatch; a GPU wants thousands)
 * @param gather         where each step's minibatch is gathered from the networks' own permutations
 * @param gradients      hand-written backward pass (default) or DJL's autograd
 */
public record DjlBackendConfig(
        String device, int intraOpThreads, int workers, int maxBatch, Gather gather, Gradients gradients) {

    /** Where the per-network minibatches are gathered. */
    public enum Gather {
        /**
         * On the host, into one direct buffer per step. On the CPU the tensors alias that buffer (no copy);
         * on a GPU it is copied to the device each step.
         */
        HOST,
        /**
         * On the device: the training samples are uploaded once, each epoch's permutations once per epoch,
         * and every step gathers with index tensors.
         */
        DEVICE
    }

    /** How the gradients are computed. */
    public enum Gradients {
        /** Hand-written backward pass, gradient recording off: no autograd graph, no collector. */
        MANUAL,
        /** DJL's {@code GradientCollector} (one at a time per JVM). */
        AUTOGRAD
    }

    /** System properties read by {@link #fromSystemProperties()}. */
    public static final String PREFIX = "w2e.djl.";

    public DjlBackendConfig {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(gather, "gather");
        Objects.requireNonNull(gradients, "gradients");
        device = device.trim().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.equals("auto") && !device.matches("gpu(\\(\\d+\\)|\\d+)?")) {
            throw new IllegalArgumentException("device must be cpu, auto, gpu or gpu(N), was '" + device + "'");
        }
        if (intraOpThreads < 1 || intraOpThreads > 256) {
            throw new IllegalArgumentException("intraOpThreads must be between 1 and 256, was " + intraOpThreads);
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be between 1 and 256, was " + workers);
        }
        if (maxBatch < 1 || maxBatch > 1 << 20) {
            throw new IllegalArgumentException("maxBatch must be between 1 and 1048576, was " + maxBatch);
        }
        if (workers > 1 && gradients == Gradients.AUTOGRAD) {
            throw new IllegalArgumentException("AUTOGRAD allows one worker only (one GradientCollector per JVM)");
        }
    }

    /** CPU, 1 intra-op thread, 1 worker, chunks of 64, host gather, hand-written backward. */
    public static DjlBackendConfig defaults() {
        return new DjlBackendConfig("cpu", 1, 1, 64, Gather.HOST, Gradients.MANUAL);
    }

    /**
     * For a CUDA build ({@code -Pcuda}) on a GPU: GPU 0, chunks of 8192 networks (a GPU needs large tensors
     * to be busy), minibatches gathered on the device. Never run here: no GPU build was available.
     */
    public static DjlBackendConfig forGpu() {
        return new DjlBackendConfig("gpu(0)", 1, 1, 8192, Gather.DEVICE, Gradients.MANUAL);
    }

    /**
     * The defaults using {@code cores} CPU cores: one worker per core with one intra-op thread each, which
     * measured faster here than one worker with {@code cores} intra-op threads (tiny tensors scale poorly
     * inside one operation).
     */
    public static DjlBackendConfig forCores(int cores) {
        return defaults().withThreads(1, cores);
    }

    /**
     * The defaults, overridden by the system properties {@code w2e.djl.device}, {@code w2e.djl.threads},
     * {@code w2e.djl.workers}, {@code w2e.djl.maxBatch}, {@code w2e.djl.gather} (host|device) and
     * {@code w2e.djl.gradients} (manual|autograd).
     */
    public static DjlBackendConfig fromSystemProperties() {
        DjlBackendConfig d = defaults();
        return new DjlBackendConfig(
                System.getProperty(PREFIX + "device", d.device()),
                Integer.getInteger(PREFIX + "threads", d.intraOpThreads()),
                Integer.getInteger(PREFIX + "workers", d.workers()),
                Integer.getInteger(PREFIX + "maxBatch", d.maxBatch()),
                Gather.valueOf(
                        System.getProperty(PREFIX + "gather", d.gather().name()).toUpperCase(Locale.ROOT)),
                Gradients.valueOf(
                        System.getProperty(PREFIX + "gradients", d.gradients().name())
                                .toUpperCase(Locale.ROOT)));
    }

    public DjlBackendConfig withDevice(String newDevice) {
        return new DjlBackendConfig(newDevice, intraOpThreads, workers, maxBatch, gather, gradients);
    }

    public DjlBackendConfig withThreads(int newIntraOpThreads, int newWorkers) {
        return new DjlBackendConfig(device, newIntraOpThreads, newWorkers, maxBatch, gather, gradients);
    }

    public DjlBackendConfig withMaxBatch(int newMaxBatch) {
        return new DjlBackendConfig(device, intraOpThreads, workers, newMaxBatch, gather, gradients);
    }

    public DjlBackendConfig withGather(Gather newGather) {
        return new DjlBackendConfig(device, intraOpThreads, workers, maxBatch, newGather, gradients);
    }

    public DjlBackendConfig withGradients(Gradients newGradients) {
        return new DjlBackendConfig(device, intraOpThreads, workers, maxBatch, gather, newGradients);
    }

    /** Short form for logs and benchmark output, e.g. {@code cpu t1 w2 b1024 host manual}. */
    public String describe() {
        return device + " t" + intraOpThreads + " w" + workers + " b" + maxBatch + " "
                + gather.name().toLowerCase(Locale.ROOT) + " "
                + gradients.name().toLowerCase(Locale.ROOT);
    }
}

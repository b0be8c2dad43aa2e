package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.MinibatchOrder;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The readable reference of the training semantics written down in the package documentation
 * ({@code io.weights2eq.domain.training.kernel}): plain float loops, one network and one sample at a
 * time, any {@link NetworkLayout} with one or two inputs (x sample-major) and one output.
 *
 * <p>It performs, per network, exactly the float operations of {@link VectorKernelBackend} in the same
 * order (the same FMAs, the same activation approximations of {@link KernelMath}), so both give the same
 * bits. With {@code exactTranscendentals} it instead evaluates tanh, sigmoid and softplus with the JDK's
 * {@code Math} functions in double (rounded to float): the textbook definition, which differs from the
 * kernels by rounding only. ReLU is the same in both modes.
 *
 * <p>Thread-safe; with {@code threads} &gt; 1 it trains networks in parallel on its own pool, which
 * {@link #close()} shuts down. Slow (no SIMD): for tests, and the fallback of {@link CpuBackends#best(int)}
 * where {@code jdk.incubator.vector} is missing.
 */
public final class ScalarBackend implements TrainingBackend {
    private final boolean exactTranscendentals;
    private final int threads;
    private final ExecutorService pool;

    /** The kernels' arithmetic (bit-identical to {@link VectorKernelBackend}), on the calling thread. */
    public ScalarBackend() {
        this(false);
    }

    public ScalarBackend(boolean exactTranscendentals) {
        this(exactTranscendentals, 1);
    }

    /**
     * @param threads networks trained in parallel (a fixed pool of daemon threads when more than 1; the
     *                results do not depend on it)
     */
    public ScalarBackend(boolean exactTranscendentals, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.exactTranscendentals = exactTranscendentals;
        this.threads = threads;
        this.pool = threads == 1
                ? null
                : Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "w2e-scalar-backend");
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public String name() {
        return (exactTranscendentals ? "scalar-exact" : "scalar") + (threads > 1 ? "-t" + threads : "");
    }

    @Override
    public List<float[]> train(TrainingConfig config, List<BackendTask> tasks) {
        KernelChecks.require(config, tasks);
        if (pool == null) {
            List<float[]> out = new ArrayList<>(tasks.size());
            for (BackendTask task : tasks) {
                out.add(new Trainer(config, exactTranscendentals).train(task));
            }
            return out;
        }
        List<Future<float[]>> futures = new ArrayList<>(tasks.size());
        for (BackendTask task : tasks) {
            futures.add(pool.submit(() -> new Trainer(config, exactTranscendentals).train(task)));
        }
        List<float[]> out = new ArrayList<>(tasks.size());
        try {
            for (Future<float[]> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * The gradient of the minibatch loss mean_j (ŷ(x[j]) − y[j])² with respect to every parameter, for the
     * samples {@code indices[from..to)}, in the kernels' arithmetic. For tests (finite differences).
     */
    static float[] gradient(
            TrainingConfig config, float[] parameters, float[] x, float[] y, int[] indices, int from, int to) {
        Trainer trainer = new Trainer(config, false);
        float[] g = new float[parameters.length];
        trainer.accumulateGradient(parameters, g, x, y, indices, from, to - from);
        return g;
    }

    /** One network's training state and scratch. */
    private static final class Trainer {
        private final TrainingConfig config;
        private final NetworkLayout layout;
        private final boolean exact;
        private final int activation;
        private final int layers;
        /** Values of x per sample: {@code x[sample * inputs + i]} is input i. */
        private final int inputs;
        /** act[k]: outputs of linear layer k (after the activation for hidden layers); act[-1] is the input. */
        private final float[][] act;

        private final float[][] derivative;
        /** delta[k]: d loss / d z of linear layer k's outputs. */
        private final float[][] delta;

        Trainer(TrainingConfig config, boolean exact) {
            this.config = config;
            this.layout = config.layout();
            this.exact = exact;
            this.activation = KernelMath.code(config.activation());
            this.layers = layout.linearLayers();
            this.inputs = layout.inputSize();
            this.act = new float[layers][];
            this.derivative = new float[layers][];
            this.delta = new float[layers][];
            for (int k = 0; k < layers; k++) {
                act[k] = new float[layout.size(k + 1)];
                derivative[k] = new float[layout.size(k + 1)];
                delta[k] = new float[layout.size(k + 1)];
            }
        }

        float[] train(BackendTask task) {
            int n = config.trainSamples();
            int minibatch = config.minibatch();
            float[] p = task.initialParameters().clone();
            float[] m = new float[p.length];
            float[] v = new float[p.length];
            float[] g = new float[p.length];
            int[] perm = new int[n];
            MinibatchOrder order = task.order();
            int pos = n;
            for (int t = 0; t < config.steps(); t++) {
                if (pos >= n) {
                    order.nextEpoch(perm);
                    pos = 0;
                }
                int count = Math.min(minibatch, n - pos);
                java.util.Arrays.fill(g, 0f);
                accumulateGradient(p, g, task.trainX(), task.trainY(), perm, pos, count);
                adam(p, m, v, g, KernelMath.AdamStep.of(config, t));
                constrain(p);
                pos += count;
            }
            return p;
        }

        /** g += the gradient of the mean squared error over samples indices[from .. from+count). */
        void accumulateGradient(float[] p, float[] g, float[] x, float[] y, int[] indices, int from, int count) {
            float scale = (float) (2.0 / count);
            for (int j = from; j < from + count; j++) {
                int sample = indices[j];
                int input = sample * inputs;
                float out = forward(p, x, input);
                delta[layers - 1][0] = (out - y[sample]) * scale;
                backward(p, g, x, input);
            }
        }

        /** The network's output at the sample whose inputs start at x[input]. */
        private float forward(float[] p, float[] x, int input) {
            for (int k = 0; k < layers; k++) {
                int ins = layout.size(k);
                int outs = layout.size(k + 1);
                boolean hidden = k < layers - 1;
                for (int o = 0; o < outs; o++) {
                    float z = p[layout.biasIndex(k, o)];
                    int w = layout.weightIndex(k, o, 0);
                    for (int i = 0; i < ins; i++) {
                        z = Math.fma(p[w + i], k == 0 ? x[input + i] : act[k - 1][i], z);
                    }
                    if (hidden) {
                        act[k][o] = exact
                                ? KernelMath.activateExact(activation, z, derivative[k], o)
                                : KernelMath.activate(activation, z, derivative[k], o);
                    } else {
                        act[k][o] = z;
                    }
                }
            }
            return act[layers - 1][0];
        }

        private void backward(float[] p, float[] g, float[] x, int input) {
            for (int k = layers - 1; k >= 0; k--) {
                int ins = layout.size(k);
                int outs = layout.size(k + 1);
                float[] d = delta[k];
                for (int o = 0; o < outs; o++) {
                    int w = layout.weightIndex(k, o, 0);
                    for (int i = 0; i < ins; i++) {
                        g[w + i] = Math.fma(d[o], k == 0 ? x[input + i] : act[k - 1][i], g[w + i]);
                    }
                    int b = layout.biasIndex(k, o);
                    g[b] = g[b] + d[o];
                }
                if (k > 0) {
                    float[] below = delta[k - 1];
                    float[] slope = derivative[k - 1];
                    for (int i = 0; i < ins; i++) {
                        float sum = 0f;
                        for (int o = 0; o < outs; o++) {
                            sum = Math.fma(p[layout.weightIndex(k, o, i)], d[o], sum);
                        }
                        below[i] = sum * slope[i];
                    }
                }
            }
        }

        private void adam(float[] p, float[] m, float[] v, float[] g, KernelMath.AdamStep step) {
            float b1 = (float) config.beta1();
            float b2 = (float) config.beta2();
            float c1 = (float) (1 - config.beta1());
            float c2 = (float) (1 - config.beta2());
            float eps = (float) config.epsilon();
            for (int q = 0; q < p.length; q++) {
                float gq = g[q];
                float mq = Math.fma(b1, m[q], c1 * gq);
                float vq = Math.fma(b2, v[q], c2 * gq * gq);
                float denom = (float) Math.sqrt(vq) / step.sqrtBias2() + eps;
                p[q] = p[q] - step.stepSize() * (mq / denom);
                m[q] = mq;
                v[q] = vq;
            }
        }

        private void constrain(float[] p) {
            NormConstraint constraint = config.normConstraint();
            if (constraint == NormConstraint.NONE) {
                return;
            }
            for (int k = 0; k < layers - 1; k++) {
                int ins = layout.size(k);
                for (int o = 0; o < layout.size(k + 1); o++) {
                    int w = layout.weightIndex(k, o, 0);
                    int b = layout.biasIndex(k, o);
                    float sum = 0f;
                    for (int i = 0; i < ins; i++) {
                        sum = constraint == NormConstraint.L2
                                ? Math.fma(p[w + i], p[w + i], sum)
                                : sum + Math.abs(p[w + i]);
                    }
                    sum = constraint == NormConstraint.L2 ? Math.fma(p[b], p[b], sum) : sum + Math.abs(p[b]);
                    float norm = constraint == NormConstraint.L2 ? (float) Math.sqrt(sum) : sum;
                    if (norm > 1f) {
                        float s = 1f / norm;
                        for (int i = 0; i < ins; i++) {
                            p[w + i] = p[w + i] * s;
                        }
                        p[b] = p[b] * s;
                    }
                }
            }
        }
    }
}

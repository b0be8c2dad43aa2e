package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Trains one group of {@link #LANES} networks, one per SIMD lane, with the semantics of the package
 * documentation. One instance per worker thread and training call: it owns the group's state and
 * scratch, and is reused for group after group.
 *
 * <h2>Data layout</h2>
 * Every per-network array is interleaved {@code [row][lane]}: element r of lane j is at {@code r·L + j}, so
 * one vector load reads row r of all L networks.
 * <ul>
 *   <li>{@code p, m, v, g}: parameters (NetworkLayout order), Adam moments, gradient accumulators.</li>
 *   <li>{@code xs, ys}: the current epoch's training samples, each lane in its own permuted order
 *       (gathered once per epoch), so a minibatch is a run of contiguous vectors; with n inputs xs is
 *       {@code [sample][input][lane]}, the layout of a layer's outputs, so the first layer reads it as any other.</li>
 *   <li>{@code act, slope}: scratch of one block of {@code block} samples, {@code [layer][sample][unit][lane]}:
 *       the layer outputs (after the activation; the output layer holds ŷ), and the activation's
 *       derivative, overwritten in the backward pass by d loss / d z (the output layer holds the error).</li>
 * </ul>
 *
 * <h2>Computation</h2>
 * Per epoch, each lane's permutation (its own {@code MinibatchOrder}) is drawn and its samples are gathered
 * into {@code xs, ys}. A minibatch is padded to a multiple of 4 samples (the padding samples get error 0,
 * so they add exactly +0 or −0 to accumulators that are never −0: no effect on any bit) and cut into blocks
 * of {@code block} samples whose activations fit in L1. Per block, each layer is a small matrix product
 * over the block in register tiles, forward through all layers, then backward: the weight gradient of a
 * layer (rows × inputs accumulators held in registers over the block's samples, so each is loaded and
 * stored once per block), then the deltas of the layer below. For {@code NetworkLayout.DEFAULT} the layer
 * loops are the generated, unrolled ones of {@link DefaultLayoutKernel} (tiles of 4 samples × 4 units,
 * ReLU's slope derived from the stored output); any other layout uses the general loops below, on the tiles of
 * {@link GeneralTiles} (4 samples × 2 units). After the minibatch: Adam and the norm constraint over the interleaved arrays.
 *
 * <p>The order of the operations into every single value is the order of {@link ScalarBackend}: forward
 * sums from the bias over inputs ascending, gradient sums over the minibatch's samples in order, input
 * gradients over outputs ascending from +0. No operation mixes lanes, so a lane's result does not depend
 * on the other lanes.
 *
 * <h2>Speed notes (measured)</h2>
 * The hot arrays are cache-line aligned ({@link CacheLineArrays}: 1.3× on AVX-512). No {@code FloatVector}
 * crosses a method boundary that the JIT might not inline (a boxed vector costs an allocation); the
 * generated methods stay small enough for C1, or they never reach C2.
 */
final class VectorKernel {
    static final VectorSpecies<Float> SPECIES = species();
    static final int LANES = SPECIES.length();
    private static final int L = LANES;
    /** Bytes of block scratch to aim for (activations and slopes): about a half of a 48 KiB L1. */
    private static final int SCRATCH_BYTES = 24 * 1024;

    private final TrainingConfig config;
    private final int activation;
    private final int layers;
    private final int[] width;
    private final int[] fanIn;
    private final int[] wOff;
    private final int[] bOff;
    private final int[] actOff;
    private final int paramRows;
    private final int samples;
    private final int block;
    /** Values of x per sample (layers[0]): 1 or 2. */
    private final int inputs;

    private float[] p;
    private float[] m;
    private float[] v;
    private float[] g;
    private final float[] xs;
    private final float[] ys;
    private final int[][] perms;
    /** One input: each lane's training samples as (x, y) pairs in one long (x in the low half), one random read. */
    private final long[][] laneXY = new long[L][];
    /** More inputs: each lane's training x (sample-major) and y, read where they are. */
    private final float[][] laneX = new float[L][];

    private final float[][] laneY = new float[L][];

    private final int[][] lanePerm = new int[L][];
    private float[] act;
    private float[] slope;
    /** Whether the layout is NetworkLayout.DEFAULT, trained by the unrolled {@link DefaultLayoutKernel}. */
    private final boolean unrolled;

    /**
     * @param unrolledAllowed whether NetworkLayout.DEFAULT may use {@link DefaultLayoutKernel} (false: the
     *                        general path for every layout; tests compare both)
     */
    VectorKernel(TrainingConfig config, boolean unrolledAllowed) {
        this.config = config;
        NetworkLayout layout = config.layout();
        this.activation = KernelMath.code(config.activation());
        this.layers = layout.linearLayers();
        this.width = new int[layers];
        this.fanIn = new int[layers];
        this.wOff = new int[layers];
        this.bOff = new int[layers];
        this.actOff = new int[layers];
        int units = 0;
        for (int k = 0; k < layers; k++) {
            width[k] = layout.size(k + 1);
            fanIn[k] = layout.size(k);
            wOff[k] = layout.weightOffset(k) * L;
            bOff[k] = layout.biasOffset(k) * L;
            units += width[k];
        }
        int perSample = units * L * Float.BYTES * 2;
        int b = Integer.getInteger("weights2eq.kernel.block", SCRATCH_BYTES / perSample) & ~3;
        this.block = Math.max(4, Math.min(b, (config.minibatch() + 3) & ~3));
        // Layer regions are staggered by 3 vectors, so that a load of layer k and a store of layer k+1 for the
        // same sample never lie a multiple of 4 KiB apart (4K aliasing; no measurable effect where tried).
        int pad = 3;
        int offset = pad * L;
        for (int k = 0; k < layers; k++) {
            actOff[k] = offset;
            offset += block * width[k] * L + pad * L;
        }
        this.paramRows = layout.parameterCount();
        this.samples = config.trainSamples();
        this.inputs = layout.inputSize();
        this.p = CacheLineArrays.allocate(paramRows * L);
        this.m = CacheLineArrays.allocate(paramRows * L);
        this.v = CacheLineArrays.allocate(paramRows * L);
        this.g = CacheLineArrays.allocate(paramRows * L);
        // 3 zero samples of padding after the last one: a minibatch padded to a multiple of 4 reads them.
        this.xs = new float[(samples + 3) * inputs * L];
        this.ys = new float[(samples + 3) * L];
        this.perms = new int[L][samples];
        this.act = CacheLineArrays.allocate(offset);
        this.slope = CacheLineArrays.allocate(offset);
        this.unrolled = unrolledAllowed && layout.equals(NetworkLayout.DEFAULT);
    }

    private static VectorSpecies<Float> species() {
        String bits = System.getProperty("weights2eq.kernel.vectorBits");
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return switch (bits.trim()) {
            case "64" -> FloatVector.SPECIES_64;
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default ->
                throw new IllegalArgumentException(
                        "weights2eq.kernel.vectorBits must be 64, 128, 256 or 512, was " + bits);
        };
    }

    /**
     * Trains tasks[first .. first+count) (count ≤ L) and stores their final parameters in out. Lanes
     * count .. L-1 train a copy of lane (lane mod count); their results are discarded.
     */
    void trainGroup(List<BackendTask> tasks, int first, int count, float[][] out) {
        realignIfMoved();
        for (int lane = 0; lane < L; lane++) {
            float[] initial = tasks.get(first + lane % count).initialParameters();
            for (int r = 0; r < paramRows; r++) {
                p[r * L + lane] = initial[r];
            }
        }
        Arrays.fill(m, 0f);
        Arrays.fill(v, 0f);
        for (int lane = 0; lane < count; lane++) {
            BackendTask task = tasks.get(first + lane);
            if (inputs > 1) {
                laneX[lane] = task.trainX();
                laneY[lane] = task.trainY();
                continue;
            }
            long[] xy = laneXY[lane];
            if (xy == null || xy.length != samples) {
                xy = new long[samples];
                laneXY[lane] = xy;
            }
            float[] x = task.trainX();
            float[] y = task.trainY();
            for (int s = 0; s < samples; s++) {
                xy[s] = (Float.floatToRawIntBits(x[s]) & 0xFFFFFFFFL) | ((long) Float.floatToRawIntBits(y[s]) << 32);
            }
        }
        int minibatch = config.minibatch();
        int pos = samples;
        for (int t = 0; t < config.steps(); t++) {
            if (pos >= samples) {
                nextEpoch(tasks, first, count);
                pos = 0;
            }
            int n = Math.min(minibatch, samples - pos);
            Arrays.fill(g, 0f);
            float scale = (float) (2.0 / n);
            minibatch(pos, n, scale);
            adam(KernelMath.AdamStep.of(config, t));
            if (config.normConstraint() != NormConstraint.NONE) {
                constrain(config.normConstraint() == NormConstraint.L2);
            }
            pos += n;
        }
        for (int lane = 0; lane < count; lane++) {
            float[] result = new float[paramRows];
            for (int r = 0; r < paramRows; r++) {
                result[r] = p[r * L + lane];
            }
            out[first + lane] = result;
        }
    }

    /** The gradient of the minibatch samples pos .. pos+n-1 (into g): blocks of samples, layer by layer. */
    private void minibatch(int pos, int n, float scale) {
        int padded = (n + 3) & ~3;
        for (int s0 = 0; s0 < padded; s0 += block) {
            int bs = Math.min(block, padded - s0);
            int real = Math.min(bs, n - s0);
            int yOff = (pos + s0) * L;
            if (unrolled) { // one input: x and y at the same offset
                DefaultLayoutKernel.forward(activation, p, xs, yOff, act, slope, actOff, bs);
            } else {
                forward(xs, yOff * inputs, bs);
            }
            error(yOff, bs, real, scale);
            if (unrolled) {
                DefaultLayoutKernel.backward(activation, p, g, xs, yOff, act, slope, actOff, bs);
            } else {
                backward(xs, yOff * inputs, bs);
            }
        }
    }

    /**
     * A garbage collection may have moved the hot arrays off cache-line alignment (speed only): allocate
     * aligned ones again. Their contents need no copy: every group starts them afresh.
     */
    private void realignIfMoved() {
        if (CacheLineArrays.aligned(p)
                && CacheLineArrays.aligned(m)
                && CacheLineArrays.aligned(v)
                && CacheLineArrays.aligned(g)
                && CacheLineArrays.aligned(act)
                && CacheLineArrays.aligned(slope)) {
            return;
        }
        p = CacheLineArrays.allocate(p.length);
        m = CacheLineArrays.allocate(m.length);
        v = CacheLineArrays.allocate(v.length);
        g = CacheLineArrays.allocate(g.length);
        act = CacheLineArrays.allocate(act.length);
        slope = CacheLineArrays.allocate(slope.length);
    }

    private void nextEpoch(List<BackendTask> tasks, int first, int count) {
        for (int lane = 0; lane < count; lane++) {
            tasks.get(first + lane).order().nextEpoch(perms[lane]);
        }
        for (int lane = 0; lane < L; lane++) {
            lanePerm[lane] = perms[lane % count];
        }
        if (inputs > 1) {
            gatherInputs(count);
            return;
        }
        // A transposition (each lane's permuted samples into column `lane`), in chunks of positions whose
        // rows stay in L1 while the lanes fill them one after the other.
        int chunk = 128;
        for (int from = 0; from < samples; from += chunk) {
            int to = Math.min(samples, from + chunk);
            for (int lane = 0; lane < L; lane++) {
                int[] perm = lanePerm[lane];
                long[] xy = laneXY[lane % count];
                for (int i = from, q = from * L + lane; i < to; i++, q += L) {
                    long pair = xy[perm[i]];
                    xs[q] = Float.intBitsToFloat((int) pair);
                    ys[q] = Float.intBitsToFloat((int) (pair >>> 32));
                }
            }
        }
    }

    /** {@link #nextEpoch}'s transposition for n inputs: sample s of lane j to xs[(s·n + i)·L + j], ys[s·L + j]. */
    private void gatherInputs(int count) {
        for (int lane = 0; lane < L; lane++) {
            int[] perm = lanePerm[lane];
            float[] x = laneX[lane % count];
            float[] y = laneY[lane % count];
            for (int i = 0; i < samples; i++) {
                int sample = perm[i];
                for (int j = 0; j < inputs; j++) {
                    xs[(i * inputs + j) * L + lane] = x[sample * inputs + j];
                }
                ys[i * L + lane] = y[sample];
            }
        }
    }

    // ---------------------------------------------------------------- forward

    private void forward(float[] x, int xOff, int bs) {
        for (int k = 0; k < layers; k++) {
            forwardLayer(k, k == 0 ? x : act, k == 0 ? xOff : actOff[k - 1], bs);
        }
    }

    /** Layer k's outputs (activated below the output layer) from its inputs in[inOff..]. */
    private void forwardLayer(int k, float[] in, int inOff, int bs) {
        int ins = fanIn[k];
        int inStride = ins * L;
        int outs = width[k];
        int outStride = outs * L;
        for (int s = 0; s < bs; s += 4) {
            int a = inOff + s * inStride;
            int z = actOff[k] + s * outStride;
            int o = 0;
            for (; o + 1 < outs; o += 2) {
                GeneralTiles.fwd4x2(
                        p, wOff[k] + o * inStride, ins, bOff[k] + o * L, in, a, inStride, act, z + o * L, outStride);
            }
            if (o < outs) {
                GeneralTiles.fwd4x1(
                        p, wOff[k] + o * inStride, ins, bOff[k] + o * L, in, a, inStride, act, z + o * L, outStride);
            }
        }
        if (k < layers - 1) {
            activate(activation, act, actOff[k], slope, actOff[k], bs * outs);
        }
    }

    /**
     * h[hBase + j] = act(z), slope[sBase + j] = act'(z) for the count vectors z = h[hBase + j] (in place);
     * see {@link KernelMath}.
     */
    static void activate(int activation, float[] act, int hBase, float[] slope, int sBase, int count) {
        int end = hBase + count * L;
        int shift = sBase - hBase;
        switch (activation) {
            case KernelMath.RELU -> VectorActivations.relu(act, hBase, end, slope, shift);
            case KernelMath.TANH -> VectorActivations.tanh(act, hBase, end, slope, shift);
            case KernelMath.SIGMOID -> ExpActivations.sigmoid(act, hBase, end, slope, shift);
            case KernelMath.SOFTPLUS -> ExpActivations.softplus(act, hBase, end, slope, shift);
            default -> throw new IllegalStateException("activation " + activation);
        }
    }

    /** The output layer's error (ŷ − y)·scale into slope; 0 for the padding samples. */
    private void error(int yOff, int bs, int real, float scale) {
        int out = actOff[layers - 1];
        int s = 0;
        for (; s < real; s++) {
            FloatVector yHat = FloatVector.fromArray(SPECIES, act, out + s * L);
            FloatVector y = FloatVector.fromArray(SPECIES, ys, yOff + s * L);
            yHat.sub(y).mul(scale).intoArray(slope, out + s * L);
        }
        for (; s < bs; s++) {
            FloatVector.zero(SPECIES).intoArray(slope, out + s * L);
        }
    }

    // ---------------------------------------------------------------- backward

    private void backward(float[] x, int xOff, int bs) {
        for (int k = layers - 1; k >= 0; k--) {
            backwardLayer(k, k == 0 ? x : act, k == 0 ? xOff : actOff[k - 1], bs);
        }
    }

    /** Layer k's weight and bias gradients, then (k > 0) the deltas of the layer below, in place of its slopes. */
    private void backwardLayer(int k, float[] in, int inOff, int bs) {
        int ins = fanIn[k];
        int inStride = ins * L;
        int outs = width[k];
        int outStride = outs * L;
        int d = actOff[k];
        for (int o = 0; o < outs; o += 2) {
            boolean pair = o + 1 < outs;
            int gRow = wOff[k] + o * inStride;
            int dCol = d + o * L;
            int i = 0;
            for (; i + 4 <= ins; i += 4) {
                if (pair) {
                    GeneralTiles.wgrad2x4(
                            g, gRow + i * L, inStride, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                } else {
                    GeneralTiles.wgrad1x4(g, gRow + i * L, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                }
            }
            for (; i + 2 <= ins; i += 2) {
                if (pair) {
                    GeneralTiles.wgrad2x2(
                            g, gRow + i * L, inStride, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                } else {
                    GeneralTiles.wgrad1x2(g, gRow + i * L, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                }
            }
            for (; i < ins; i++) {
                if (pair) {
                    GeneralTiles.wgrad2x1(
                            g, gRow + i * L, inStride, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                } else {
                    GeneralTiles.wgrad1x1(g, gRow + i * L, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                }
            }
        }
        int o = 0;
        for (; o + 4 <= outs; o += 4) {
            GeneralTiles.bgrad4(g, bOff[k] + o * L, slope, d + o * L, outStride, bs);
        }
        for (; o < outs; o++) {
            GeneralTiles.bgrad1(g, bOff[k] + o * L, slope, d + o * L, outStride, bs);
        }
        if (k > 0) {
            int below = actOff[k - 1];
            for (int s = 0; s < bs; s += 4) {
                int dRow = d + s * outStride;
                int c = below + s * inStride;
                int i = 0;
                for (; i + 1 < ins; i += 2) {
                    GeneralTiles.igrad4x2(
                            p, wOff[k] + i * L, inStride, outs, slope, dRow, outStride, c + i * L, inStride);
                }
                if (i < ins) {
                    GeneralTiles.igrad4x1(
                            p, wOff[k] + i * L, inStride, outs, slope, dRow, outStride, c + i * L, inStride);
                }
            }
        }
    }

    // ---------------------------------------------------------------- optimiser

    private void adam(KernelMath.AdamStep step) {
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        float c1 = (float) (1 - config.beta1());
        float c2 = (float) (1 - config.beta2());
        float eps = (float) config.epsilon();
        float stepSize = step.stepSize();
        float sqrtBias2 = step.sqrtBias2();
        FloatVector beta1 = FloatVector.broadcast(SPECIES, b1);
        FloatVector beta2 = FloatVector.broadcast(SPECIES, b2);
        for (int q = 0; q < paramRows * L; q += L) {
            FloatVector gq = FloatVector.fromArray(SPECIES, g, q);
            FloatVector mq = FloatVector.fromArray(SPECIES, m, q).fma(beta1, gq.mul(c1));
            FloatVector vq =
                    FloatVector.fromArray(SPECIES, v, q).fma(beta2, gq.mul(c2).mul(gq));
            FloatVector denom = vq.sqrt().div(sqrtBias2).add(eps);
            FloatVector pq = FloatVector.fromArray(SPECIES, p, q);
            pq.sub(mq.div(denom).mul(stepSize)).intoArray(p, q);
            mq.intoArray(m, q);
            vq.intoArray(v, q);
        }
    }

    /** Rescales each hidden neuron's incoming [w; b] to norm ≤ 1 (L2 or L1), lane by lane. */
    private void constrain(boolean l2) {
        for (int k = 0; k < layers - 1; k++) {
            int ins = fanIn[k];
            for (int o = 0; o < width[k]; o++) {
                int w = wOff[k] + o * ins * L;
                int b = bOff[k] + o * L;
                FloatVector sum = FloatVector.zero(SPECIES);
                for (int i = 0; i < ins; i++) {
                    FloatVector x = FloatVector.fromArray(SPECIES, p, w + i * L);
                    sum = l2 ? x.fma(x, sum) : sum.add(x.abs());
                }
                FloatVector bias = FloatVector.fromArray(SPECIES, p, b);
                sum = l2 ? bias.fma(bias, sum) : sum.add(bias.abs());
                FloatVector norm = l2 ? sum.sqrt() : sum;
                VectorMask<Float> over = norm.compare(VectorOperators.GT, 1f);
                if (!over.anyTrue()) {
                    continue;
                }
                FloatVector s = FloatVector.broadcast(SPECIES, 1f).div(norm);
                for (int i = 0; i < ins; i++) {
                    FloatVector x = FloatVector.fromArray(SPECIES, p, w + i * L);
                    x.blend(x.mul(s), over).intoArray(p, w + i * L);
                }
                bias.blend(bias.mul(s), over).intoArray(p, b);
            }
        }
    }
}

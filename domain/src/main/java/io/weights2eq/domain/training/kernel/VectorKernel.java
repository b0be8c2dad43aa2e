package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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
 *       (gathered once per epoch), so a minibatch is a run of contiguous vectors.</li>
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
 * ReLU's slope derived from the stored output); any other layout uses the general loops below (tiles of
 * 4 samples × 2 units). After the minibatch: Adam and the norm constraint over the interleaved arrays.
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
    private float[] p;
    private float[] m;
    private float[] v;
    private float[] g;
    private final float[] xs;
    private final float[] ys;
    private final int[][] perms;
    /** Each lane's training samples as (x, y) pairs in one long (x in the low half): one random read per sample. */
    private final long[][] laneXY = new long[L][];
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
        this.p = CacheLineArrays.allocate(paramRows * L);
        this.m = CacheLineArrays.allocate(paramRows * L);
        this.v = CacheLineArrays.allocate(paramRows * L);
        this.g = CacheLineArrays.allocate(paramRows * L);
        // 3 zero samples of padding after the last one: a minibatch padded to a multiple of 4 reads them.
        this.xs = new float[(samples + 3) * L];
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
            default -> throw new IllegalArgumentException("weights2eq.kernel.vectorBits must be 64, 128, 256 or 512, was " + bits);
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
            if (unrolled) {
                DefaultLayoutKernel.forward(activation, p, xs, (pos + s0) * L, act, slope, actOff, bs);
            } else {
                forward(xs, (pos + s0) * L, bs);
            }
            error((pos + s0) * L, bs, real, scale);
            if (unrolled) {
                DefaultLayoutKernel.backward(activation, p, g, xs, (pos + s0) * L, act, slope, actOff, bs);
            } else {
                backward(xs, (pos + s0) * L, bs);
            }
        }
    }

    /**
     * A garbage collection may have moved the hot arrays off cache-line alignment (speed only): allocate
     * aligned ones again. Their contents need no copy: every group starts them afresh.
     */
    private void realignIfMoved() {
        if (CacheLineArrays.aligned(p) && CacheLineArrays.aligned(m) && CacheLineArrays.aligned(v)
                && CacheLineArrays.aligned(g) && CacheLineArrays.aligned(act) && CacheLineArrays.aligned(slope)) {
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

    // ---------------------------------------------------------------- forward

    private void forward(float[] x, int xOff, int bs) {
        for (int k = 0; k < layers; k++) {
            float[] in = k == 0 ? x : act;
            int inOff = k == 0 ? xOff : actOff[k - 1];
            int ins = fanIn[k];
            int inStride = ins * L;
            int outs = width[k];
            int outStride = outs * L;
            for (int s = 0; s < bs; s += 4) {
                int a = inOff + s * inStride;
                int z = actOff[k] + s * outStride;
                int o = 0;
                for (; o + 1 < outs; o += 2) {
                    fwd4x2(p, wOff[k] + o * inStride, ins, bOff[k] + o * L, in, a, inStride, act, z + o * L, outStride);
                }
                if (o < outs) {
                    fwd4x1(p, wOff[k] + o * inStride, ins, bOff[k] + o * L, in, a, inStride, act, z + o * L, outStride);
                }
            }
            if (k < layers - 1) {
                activate(activation, act, actOff[k], slope, actOff[k], bs * outs);
            }
        }
    }

    /** z[s][o+c] = b[o+c] + Σ_i W[o+c][i]·a[s][i] for s in 0..3, c in 0..1; FMAs in input order. */
    private static void fwd4x2(float[] p, int w0, int ins, int b0, float[] a, int a0, int aStride,
            float[] z, int z0, int zStride) {
        int w1 = w0 + ins * L;
        FloatVector bias0 = FloatVector.fromArray(SPECIES, p, b0);
        FloatVector bias1 = FloatVector.fromArray(SPECIES, p, b0 + L);
        FloatVector z00 = bias0, z01 = bias1, z10 = bias0, z11 = bias1;
        FloatVector z20 = bias0, z21 = bias1, z30 = bias0, z31 = bias1;
        int a1 = a0 + aStride, a2 = a1 + aStride, a3 = a2 + aStride;
        for (int i = 0; i < ins * L; i += L) {
            FloatVector wa = FloatVector.fromArray(SPECIES, p, w0 + i);
            FloatVector wb = FloatVector.fromArray(SPECIES, p, w1 + i);
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, a0 + i);
            z00 = wa.fma(x0, z00);
            z01 = wb.fma(x0, z01);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a, a1 + i);
            z10 = wa.fma(x1, z10);
            z11 = wb.fma(x1, z11);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a, a2 + i);
            z20 = wa.fma(x2, z20);
            z21 = wb.fma(x2, z21);
            FloatVector x3 = FloatVector.fromArray(SPECIES, a, a3 + i);
            z30 = wa.fma(x3, z30);
            z31 = wb.fma(x3, z31);
        }
        z00.intoArray(z, z0);
        z01.intoArray(z, z0 + L);
        z10.intoArray(z, z0 + zStride);
        z11.intoArray(z, z0 + zStride + L);
        z20.intoArray(z, z0 + 2 * zStride);
        z21.intoArray(z, z0 + 2 * zStride + L);
        z30.intoArray(z, z0 + 3 * zStride);
        z31.intoArray(z, z0 + 3 * zStride + L);
    }

    private static void fwd4x1(float[] p, int w0, int ins, int b0, float[] a, int a0, int aStride,
            float[] z, int z0, int zStride) {
        FloatVector bias0 = FloatVector.fromArray(SPECIES, p, b0);
        FloatVector z00 = bias0, z10 = bias0, z20 = bias0, z30 = bias0;
        int a1 = a0 + aStride, a2 = a1 + aStride, a3 = a2 + aStride;
        for (int i = 0; i < ins * L; i += L) {
            FloatVector wa = FloatVector.fromArray(SPECIES, p, w0 + i);
            z00 = wa.fma(FloatVector.fromArray(SPECIES, a, a0 + i), z00);
            z10 = wa.fma(FloatVector.fromArray(SPECIES, a, a1 + i), z10);
            z20 = wa.fma(FloatVector.fromArray(SPECIES, a, a2 + i), z20);
            z30 = wa.fma(FloatVector.fromArray(SPECIES, a, a3 + i), z30);
        }
        z00.intoArray(z, z0);
        z10.intoArray(z, z0 + zStride);
        z20.intoArray(z, z0 + 2 * zStride);
        z30.intoArray(z, z0 + 3 * zStride);
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
            case KernelMath.SIGMOID -> VectorActivations.sigmoid(act, hBase, end, slope, shift);
            case KernelMath.SOFTPLUS -> VectorActivations.softplus(act, hBase, end, slope, shift);
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
            float[] in = k == 0 ? x : act;
            int inOff = k == 0 ? xOff : actOff[k - 1];
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
                        wgrad2x4(g, gRow + i * L, inStride, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                    } else {
                        wgrad1x4(g, gRow + i * L, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                    }
                }
                for (; i + 2 <= ins; i += 2) {
                    if (pair) {
                        wgrad2x2(g, gRow + i * L, inStride, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                    } else {
                        wgrad1x2(g, gRow + i * L, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                    }
                }
                for (; i < ins; i++) {
                    if (pair) {
                        wgrad2x1(g, gRow + i * L, inStride, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                    } else {
                        wgrad1x1(g, gRow + i * L, slope, dCol, outStride, in, inOff + i * L, inStride, bs);
                    }
                }
            }
            int o = 0;
            for (; o + 4 <= outs; o += 4) {
                bgrad4(g, bOff[k] + o * L, slope, d + o * L, outStride, bs);
            }
            for (; o < outs; o++) {
                wgrad1bias(g, bOff[k] + o * L, slope, d + o * L, outStride, bs);
            }
            if (k > 0) {
                int below = actOff[k - 1];
                for (int s = 0; s < bs; s += 4) {
                    int dRow = d + s * outStride;
                    int c = below + s * inStride;
                    int i = 0;
                    for (; i + 1 < ins; i += 2) {
                        igrad4x2(p, wOff[k] + i * L, inStride, outs, slope, dRow, outStride, c + i * L, inStride);
                    }
                    if (i < ins) {
                        igrad4x1(p, wOff[k] + i * L, inStride, outs, slope, dRow, outStride, c + i * L, inStride);
                    }
                }
            }
        }
    }

    /** g[o+r][i+c] += Σ_s d[s][o+r]·a[s][i+c], r in 0..1, c in 0..3; samples in order. */
    private static void wgrad2x4(float[] g, int g0, int gStride, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        int g1 = g0 + gStride;
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, g, g0 + L);
        FloatVector s02 = FloatVector.fromArray(SPECIES, g, g0 + 2 * L);
        FloatVector s03 = FloatVector.fromArray(SPECIES, g, g0 + 3 * L);
        FloatVector s10 = FloatVector.fromArray(SPECIES, g, g1);
        FloatVector s11 = FloatVector.fromArray(SPECIES, g, g1 + L);
        FloatVector s12 = FloatVector.fromArray(SPECIES, g, g1 + 2 * L);
        FloatVector s13 = FloatVector.fromArray(SPECIES, g, g1 + 3 * L);
        for (int s = 0; s < bs; s++) {
            int dq = d0 + s * dStride;
            int aq = a0 + s * aStride;
            FloatVector da = FloatVector.fromArray(SPECIES, d, dq);
            FloatVector db = FloatVector.fromArray(SPECIES, d, dq + L);
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, aq);
            s00 = da.fma(x0, s00);
            s10 = db.fma(x0, s10);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a, aq + L);
            s01 = da.fma(x1, s01);
            s11 = db.fma(x1, s11);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a, aq + 2 * L);
            s02 = da.fma(x2, s02);
            s12 = db.fma(x2, s12);
            FloatVector x3 = FloatVector.fromArray(SPECIES, a, aq + 3 * L);
            s03 = da.fma(x3, s03);
            s13 = db.fma(x3, s13);
        }
        s00.intoArray(g, g0);
        s01.intoArray(g, g0 + L);
        s02.intoArray(g, g0 + 2 * L);
        s03.intoArray(g, g0 + 3 * L);
        s10.intoArray(g, g1);
        s11.intoArray(g, g1 + L);
        s12.intoArray(g, g1 + 2 * L);
        s13.intoArray(g, g1 + 3 * L);
    }

    private static void wgrad1x4(float[] g, int g0, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, g, g0 + L);
        FloatVector s02 = FloatVector.fromArray(SPECIES, g, g0 + 2 * L);
        FloatVector s03 = FloatVector.fromArray(SPECIES, g, g0 + 3 * L);
        for (int s = 0; s < bs; s++) {
            int aq = a0 + s * aStride;
            FloatVector da = FloatVector.fromArray(SPECIES, d, d0 + s * dStride);
            s00 = da.fma(FloatVector.fromArray(SPECIES, a, aq), s00);
            s01 = da.fma(FloatVector.fromArray(SPECIES, a, aq + L), s01);
            s02 = da.fma(FloatVector.fromArray(SPECIES, a, aq + 2 * L), s02);
            s03 = da.fma(FloatVector.fromArray(SPECIES, a, aq + 3 * L), s03);
        }
        s00.intoArray(g, g0);
        s01.intoArray(g, g0 + L);
        s02.intoArray(g, g0 + 2 * L);
        s03.intoArray(g, g0 + 3 * L);
    }

    private static void wgrad2x2(float[] g, int g0, int gStride, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        int g1 = g0 + gStride;
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, g, g0 + L);
        FloatVector s10 = FloatVector.fromArray(SPECIES, g, g1);
        FloatVector s11 = FloatVector.fromArray(SPECIES, g, g1 + L);
        for (int s = 0; s < bs; s++) {
            int dq = d0 + s * dStride;
            int aq = a0 + s * aStride;
            FloatVector da = FloatVector.fromArray(SPECIES, d, dq);
            FloatVector db = FloatVector.fromArray(SPECIES, d, dq + L);
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, aq);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a, aq + L);
            s00 = da.fma(x0, s00);
            s10 = db.fma(x0, s10);
            s01 = da.fma(x1, s01);
            s11 = db.fma(x1, s11);
        }
        s00.intoArray(g, g0);
        s01.intoArray(g, g0 + L);
        s10.intoArray(g, g1);
        s11.intoArray(g, g1 + L);
    }

    private static void wgrad1x2(float[] g, int g0, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, g, g0 + L);
        for (int s = 0; s < bs; s++) {
            int aq = a0 + s * aStride;
            FloatVector da = FloatVector.fromArray(SPECIES, d, d0 + s * dStride);
            s00 = da.fma(FloatVector.fromArray(SPECIES, a, aq), s00);
            s01 = da.fma(FloatVector.fromArray(SPECIES, a, aq + L), s01);
        }
        s00.intoArray(g, g0);
        s01.intoArray(g, g0 + L);
    }

    private static void wgrad2x1(float[] g, int g0, int gStride, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        int g1 = g0 + gStride;
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s10 = FloatVector.fromArray(SPECIES, g, g1);
        for (int s = 0; s < bs; s++) {
            int dq = d0 + s * dStride;
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, a0 + s * aStride);
            s00 = FloatVector.fromArray(SPECIES, d, dq).fma(x0, s00);
            s10 = FloatVector.fromArray(SPECIES, d, dq + L).fma(x0, s10);
        }
        s00.intoArray(g, g0);
        s10.intoArray(g, g1);
    }

    private static void wgrad1x1(float[] g, int g0, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        for (int s = 0; s < bs; s++) {
            s00 = FloatVector.fromArray(SPECIES, d, d0 + s * dStride)
                    .fma(FloatVector.fromArray(SPECIES, a, a0 + s * aStride), s00);
        }
        s00.intoArray(g, g0);
    }

    /** Bias gradients of 4 consecutive units: g[u] += Σ_s d[s][u]. */
    private static void bgrad4(float[] g, int g0, float[] d, int d0, int dStride, int bs) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s1 = FloatVector.fromArray(SPECIES, g, g0 + L);
        FloatVector s2 = FloatVector.fromArray(SPECIES, g, g0 + 2 * L);
        FloatVector s3 = FloatVector.fromArray(SPECIES, g, g0 + 3 * L);
        for (int s = 0; s < bs; s++) {
            int dq = d0 + s * dStride;
            s0 = s0.add(FloatVector.fromArray(SPECIES, d, dq));
            s1 = s1.add(FloatVector.fromArray(SPECIES, d, dq + L));
            s2 = s2.add(FloatVector.fromArray(SPECIES, d, dq + 2 * L));
            s3 = s3.add(FloatVector.fromArray(SPECIES, d, dq + 3 * L));
        }
        s0.intoArray(g, g0);
        s1.intoArray(g, g0 + L);
        s2.intoArray(g, g0 + 2 * L);
        s3.intoArray(g, g0 + 3 * L);
    }

    private static void wgrad1bias(float[] g, int g0, float[] d, int d0, int dStride, int bs) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, g, g0);
        for (int s = 0; s < bs; s++) {
            s0 = s0.add(FloatVector.fromArray(SPECIES, d, d0 + s * dStride));
        }
        s0.intoArray(g, g0);
    }

    /**
     * Input gradient of 4 samples × 2 inputs, times the slope below, in place:
     * slope[s][i+c] = (Σ_o W[o][i+c]·d[s][o]) · slope[s][i+c]; FMAs in output order from +0.
     */
    private static void igrad4x2(float[] p, int w0, int wStride, int outs, float[] d, int d0, int dStride,
            int c0, int cStride) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector t00 = zero, t01 = zero, t10 = zero, t11 = zero;
        FloatVector t20 = zero, t21 = zero, t30 = zero, t31 = zero;
        int d1 = d0 + dStride, d2 = d1 + dStride, d3 = d2 + dStride;
        for (int o = 0, wq = w0, dq = 0; o < outs; o++, wq += wStride, dq += L) {
            FloatVector wa = FloatVector.fromArray(SPECIES, p, wq);
            FloatVector wb = FloatVector.fromArray(SPECIES, p, wq + L);
            FloatVector e0 = FloatVector.fromArray(SPECIES, d, d0 + dq);
            t00 = wa.fma(e0, t00);
            t01 = wb.fma(e0, t01);
            FloatVector e1 = FloatVector.fromArray(SPECIES, d, d1 + dq);
            t10 = wa.fma(e1, t10);
            t11 = wb.fma(e1, t11);
            FloatVector e2 = FloatVector.fromArray(SPECIES, d, d2 + dq);
            t20 = wa.fma(e2, t20);
            t21 = wb.fma(e2, t21);
            FloatVector e3 = FloatVector.fromArray(SPECIES, d, d3 + dq);
            t30 = wa.fma(e3, t30);
            t31 = wb.fma(e3, t31);
        }
        int c1 = c0 + cStride, c2 = c1 + cStride, c3 = c2 + cStride;
        t00.mul(FloatVector.fromArray(SPECIES, d, c0)).intoArray(d, c0);
        t01.mul(FloatVector.fromArray(SPECIES, d, c0 + L)).intoArray(d, c0 + L);
        t10.mul(FloatVector.fromArray(SPECIES, d, c1)).intoArray(d, c1);
        t11.mul(FloatVector.fromArray(SPECIES, d, c1 + L)).intoArray(d, c1 + L);
        t20.mul(FloatVector.fromArray(SPECIES, d, c2)).intoArray(d, c2);
        t21.mul(FloatVector.fromArray(SPECIES, d, c2 + L)).intoArray(d, c2 + L);
        t30.mul(FloatVector.fromArray(SPECIES, d, c3)).intoArray(d, c3);
        t31.mul(FloatVector.fromArray(SPECIES, d, c3 + L)).intoArray(d, c3 + L);
    }

    private static void igrad4x1(float[] p, int w0, int wStride, int outs, float[] d, int d0, int dStride,
            int c0, int cStride) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector t00 = zero, t10 = zero, t20 = zero, t30 = zero;
        int d1 = d0 + dStride, d2 = d1 + dStride, d3 = d2 + dStride;
        for (int o = 0, wq = w0, dq = 0; o < outs; o++, wq += wStride, dq += L) {
            FloatVector wa = FloatVector.fromArray(SPECIES, p, wq);
            t00 = wa.fma(FloatVector.fromArray(SPECIES, d, d0 + dq), t00);
            t10 = wa.fma(FloatVector.fromArray(SPECIES, d, d1 + dq), t10);
            t20 = wa.fma(FloatVector.fromArray(SPECIES, d, d2 + dq), t20);
            t30 = wa.fma(FloatVector.fromArray(SPECIES, d, d3 + dq), t30);
        }
        int c1 = c0 + cStride, c2 = c1 + cStride, c3 = c2 + cStride;
        t00.mul(FloatVector.fromArray(SPECIES, d, c0)).intoArray(d, c0);
        t10.mul(FloatVector.fromArray(SPECIES, d, c1)).intoArray(d, c1);
        t20.mul(FloatVector.fromArray(SPECIES, d, c2)).intoArray(d, c2);
        t30.mul(FloatVector.fromArray(SPECIES, d, c3)).intoArray(d, c3);
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
            FloatVector vq = FloatVector.fromArray(SPECIES, v, q).fma(beta2, gq.mul(c2).mul(gq));
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

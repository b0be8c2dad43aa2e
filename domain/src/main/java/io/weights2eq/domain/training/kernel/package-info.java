/**
 * CPU training backends: {@link io.weights2eq.domain.training.kernel.VectorKernelBackend} (the Java Vector
 * API, one network per SIMD lane), {@link io.weights2eq.domain.training.kernel.ScalarBackend} (plain float
 * loops, the readable reference) and {@link io.weights2eq.domain.training.kernel.CpuBackends#best(int)}.
 *
 * <h2>The training semantics every backend implements</h2>
 * For each network independently, with N = {@code config.trainSamples()}, B = {@code config.minibatch()} and
 * the network's layout n0, n1, …, nK = 1 with n0 = 1 or 2 inputs (parameters in the {@code NetworkLayout} order: all
 * weight matrices out × in row-major layer by layer, then all biases; x sample-major, {@code x[s·n0 + i]} is input
 * i of sample s):
 * <ol>
 *   <li><b>Minibatches.</b> For step t = 0 … steps−1: take the next minibatch of the current epoch's
 *       permutation (positions pos … pos+n−1, n = min(B, N − pos)); when the permutation is used up
 *       (pos = N, and before the first step) draw the next one with {@code order.nextEpoch} and restart at
 *       pos = 0. The last minibatch of an epoch may be smaller.</li>
 *   <li><b>Forward</b>, per sample, in float: a⁰ = the sample's n0 inputs; for each linear layer k and output o,
 *       z = b[o], then z = fma(W[o][i], a[i], z) for i ascending; hidden layers a = act(z), the output layer
 *       is linear (ŷ = z). The activations and their derivatives, with their float approximations of tanh,
 *       exp and log1p, are defined in {@code KernelMath} (relu: max(z, 0), slope 1 for z &gt; 0 else 0; tanh;
 *       sigmoid; softplus with PyTorch's threshold 20).</li>
 *   <li><b>Loss and gradient.</b> loss = mean over the minibatch of (ŷ − y)². The error of a sample is
 *       e = (ŷ − y) · s with s = (float) (2 / n). Backward from the output layer: the output delta is e; for
 *       layer k with deltas d (one per output): the weight gradient accumulator g[W[o][i]] = fma(d[o], a[i], g)
 *       and g[b[o]] = g[b[o]] + d[o], every accumulator starting at +0 per step and taking the samples in
 *       minibatch order; the deltas of the layer below are
 *       (fma chain over o ascending, from +0, of W[o][i] · d[o]) · act'(z[i]).</li>
 *   <li><b>Adam</b> (PyTorch's formula) per parameter, in float with constants rounded from double once per
 *       step: m = fma(β1, m, (1−β1)·g); v = fma(β2, v, ((1−β2)·g)·g); with bc1 = 1 − β1^(t+1),
 *       bc2 = 1 − β2^(t+1) and lr_t = {@code schedule.rate(learningRate, t, steps)} (double):
 *       p = p − (float) (lr_t / bc1) · (m / (sqrt(v) / (float) sqrt(bc2) + ε)).</li>
 *   <li><b>Norm constraint</b> (after Adam, if L1 or L2): for every hidden layer's neuron, the norm of its
 *       incoming [w; b] (L2: sqrt of the fma sum of squares, weights then bias; L1: the sum of absolute
 *       values) is computed in float; if it exceeds 1, every one of them is multiplied by (float) (1 / norm).
 *       The output layer is left free.</li>
 * </ol>
 * The result is the parameters after the last step.
 *
 * <h2>Reproducibility</h2>
 * Every operation above is IEEE float (or exactly rounded FMA), in a fixed order, per network: the vector
 * kernel and the scalar backend give the same bits for every activation (the transcendental approximations
 * are shared, {@code KernelMath}), and a network's result does not depend on the networks it is batched
 * with, its SIMD lane, the thread or the number of threads. {@code new ScalarBackend(true)} uses the JDK's
 * {@code Math.tanh/exp/log1p} in double instead, the textbook definition, which differs by rounding only.
 */
package io.weights2eq.domain.training.kernel;

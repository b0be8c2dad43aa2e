package io.weights2eq.training.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainingConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;

/**
 * Trains one chunk of B networks for the whole step budget on one thread. Parameters, Adam moments and
 * constants live in a manager of their own (closed with the chunk); everything a step creates lives in an
 * {@link NDScope} closed at the end of the step, so memory stays flat over any number of steps.
 *
 * <p>Tensors: parameters, gradients and moments as {@code [B, P]} in the {@link NetworkLayout} order, so
 * one Adam update covers all layers and the result reads back as is; layer k's weights are the view
 * {@code [B, out, in]} and its bias {@code [B, out, 1]}. Activations are {@code [B, width, n]} for a
 * minibatch of n samples, so a layer is one batched matrix product {@code W @ h + b}.
 */
final class ChunkTrainer implements AutoCloseable {
    private final TrainingConfig config;
    private final DjlBackendConfig djl;
    private final Engine engine;
    private final NetworkLayout layout;
    private final List<BackendTask> tasks;
    private final int nets;
    private final int trainSamples;
    private final boolean onCpu;
    private final int layers;

    private final NDManager manager;
    private final NDArray params;
    private final NDArray mean;
    private final NDArray variance;
    private final NDArray one;
    private final NDArray beta1;
    private final NDArray oneMinusBeta1;
    private final NDArray beta2;
    private final NDArray oneMinusBeta2;
    private final NDArray epsilon;
    private final NDIndex[] weightIndex;
    private final NDIndex[] biasIndex;
    private final Shape[] weightShape;
    private final Shape[] biasShape;

    /**
     * MANUAL only: the layers' weights [B, out, in], their transposes and biases [B, out, 1] as views of
     * {@link #params}, made once (in-place updates of the parameters show through them): about 25 fewer
     * native calls per step, which matters at ~10 µs each. Autograd needs views made while recording.
     */
    private final NDArray[] weightViews;

    private final NDArray[] weightTransposeViews;
    private final NDArray[] biasViews;

    /**
     * The scalars that change every step (2/n, sqrt(bc2), lr_t/bc1). On the CPU they are tensors over a
     * direct buffer, written from Java with no native call; on a GPU they are uploaded each step.
     */
    private final ByteBuffer stepScalars =
            ByteBuffer.allocateDirect(3 * Float.BYTES).order(ByteOrder.nativeOrder());

    private final NDArray[] stepScalarViews = new NDArray[3];
    private static final int LOSS_SCALE = 0;
    private static final int SQRT_BC2 = 1;
    private static final int STEP_SIZE = 2;

    private final int[][] permutations;
    private int position;

    /** For tests: when set, {@link #maxLiveArrays} records the most arrays the chunk's manager held after a step. */
    boolean trackLiveArrays;

    int maxLiveArrays;

    // HOST gather: one direct buffer per input; on the CPU the tensors alias it (no copy)
    private ByteBuffer xBytes;
    private ByteBuffer yBytes;
    private FloatBuffer xFloats;
    private FloatBuffer yFloats;
    private NDArray xFull;
    private NDArray yFull;
    private NDArray xLast;
    private NDArray yLast;

    // DEVICE gather: the samples uploaded once, the epoch's permutations once per epoch
    private NDArray xAll;
    private NDArray yAll;
    private ByteBuffer permBytes;
    private NDArray permTensor;

    ChunkTrainer(Engine engine, Device device, TrainingConfig config, DjlBackendConfig djl, List<BackendTask> tasks) {
        this.config = config;
        this.djl = djl;
        this.engine = engine;
        this.layout = config.layout();
        this.tasks = tasks;
        this.nets = tasks.size();
        this.trainSamples = config.trainSamples();
        this.onCpu = !device.isGpu();
        this.layers = layout.linearLayers();
        int p = layout.parameterCount();
        for (BackendTask task : tasks) {
            if (task.initialParameters().length != p
                    || task.trainX().length < trainSamples
                    || task.trainY().length < trainSamples) {
                throw new IllegalArgumentException("task does not fit the config: " + p + " parameters and "
                        + trainSamples + " training samples needed");
            }
        }

        this.manager = engine.newBaseManager(device);
        float[] initial = new float[nets * p];
        for (int b = 0; b < nets; b++) {
            System.arraycopy(tasks.get(b).initialParameters(), 0, initial, b * p, p);
        }
        this.params = manager.create(initial, new Shape(nets, p));
        this.mean = manager.zeros(new Shape(nets, p));
        this.variance = manager.zeros(new Shape(nets, p));
        this.one = manager.create(1f);
        this.beta1 = manager.create((float) config.beta1());
        this.oneMinusBeta1 = manager.create((float) (1 - config.beta1()));
        this.beta2 = manager.create((float) config.beta2());
        this.oneMinusBeta2 = manager.create((float) (1 - config.beta2()));
        this.epsilon = manager.create((float) config.epsilon());

        this.weightIndex = new NDIndex[layers];
        this.biasIndex = new NDIndex[layers];
        this.weightShape = new Shape[layers];
        this.biasShape = new Shape[layers];
        for (int k = 0; k < layers; k++) {
            int out = layout.size(k + 1);
            int in = layout.size(k);
            int w = layout.weightOffset(k);
            int bo = layout.biasOffset(k);
            weightIndex[k] = new NDIndex().addAllDim().addSliceDim(w, w + (long) out * in);
            biasIndex[k] = new NDIndex().addAllDim().addSliceDim(bo, bo + out);
            weightShape[k] = new Shape(nets, out, in);
            biasShape[k] = new Shape(nets, out, 1);
        }

        if (djl.gradients() == DjlBackendConfig.Gradients.MANUAL) {
            weightViews = new NDArray[layers];
            weightTransposeViews = new NDArray[layers];
            biasViews = new NDArray[layers];
            for (int k = 0; k < layers; k++) {
                weightViews[k] = params.get(weightIndex[k]).reshape(weightShape[k]);
                weightTransposeViews[k] = weightViews[k].transpose(0, 2, 1);
                biasViews[k] = params.get(biasIndex[k]).reshape(biasShape[k]);
                NDScope.unregister(weightViews[k], weightTransposeViews[k], biasViews[k]);
            }
        } else {
            weightViews = null;
            weightTransposeViews = null;
            biasViews = null;
        }

        if (onCpu) {
            for (int i = 0; i < stepScalarViews.length; i++) {
                stepScalarViews[i] =
                        manager.create(stepScalars.slice(i * Float.BYTES, Float.BYTES), new Shape(), DataType.FLOAT32);
                NDScope.unregister(stepScalarViews[i]);
            }
        }

        this.permutations = new int[nets][trainSamples];
        if (djl.gather() == DjlBackendConfig.Gather.HOST) {
            int bytes = nets * config.minibatch() * Float.BYTES;
            xBytes = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            yBytes = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            xFloats = xBytes.asFloatBuffer();
            yFloats = yBytes.asFloatBuffer();
            if (onCpu) {
                xFull = alias(xBytes, config.minibatch());
                yFull = alias(yBytes, config.minibatch());
                int last = trainSamples % config.minibatch();
                if (last != 0) {
                    xLast = alias(xBytes, last);
                    yLast = alias(yBytes, last);
                }
            }
        } else {
            float[] xs = new float[nets * trainSamples];
            float[] ys = new float[nets * trainSamples];
            for (int b = 0; b < nets; b++) {
                System.arraycopy(tasks.get(b).trainX(), 0, xs, b * trainSamples, trainSamples);
                System.arraycopy(tasks.get(b).trainY(), 0, ys, b * trainSamples, trainSamples);
            }
            xAll = manager.create(xs, new Shape(nets, trainSamples));
            yAll = manager.create(ys, new Shape(nets, trainSamples));
            permBytes =
                    ByteBuffer.allocateDirect(nets * trainSamples * Long.BYTES).order(ByteOrder.nativeOrder());
            if (onCpu) {
                permTensor = manager.create(permBytes, new Shape(nets, trainSamples), DataType.INT64);
            }
        }
    }

    /** A per-step scalar: on the CPU the tensor over the direct buffer, else a fresh one (closed by the step's scope). */
    private NDArray stepScalar(int which, float value) {
        if (onCpu) {
            stepScalars.putFloat(which * Float.BYTES, value);
            return stepScalarViews[which];
        }
        return manager.create(value);
    }

    /** A [B, 1, n] tensor over the first B·n floats of a direct buffer (CPU: shares the memory). */
    private NDArray alias(ByteBuffer bytes, int n) {
        return manager.create(bytes.slice(0, nets * n * Float.BYTES), new Shape(nets, 1, n), DataType.FLOAT32);
    }

    /** Runs every step and returns the final parameters of each network in the layout order. */
    List<float[]> train() {
        int steps = config.steps();
        int minibatch = config.minibatch();
        for (int t = 0; t < steps; t++) {
            if (position == 0) {
                newEpoch();
            }
            int n = Math.min(minibatch, trainSamples - position);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray[] xy = minibatch(n);
                NDArray gradient;
                if (djl.gradients() == DjlBackendConfig.Gradients.AUTOGRAD) {
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray[] outputs = forward(xy[0]);
                        NDArray loss = outputs[layers - 1]
                                .sub(xy[1])
                                .square()
                                .mean(new int[] {2})
                                .sum();
                        collector.backward(loss);
                    }
                    gradient = params.getGradient();
                } else {
                    gradient = manualGradient(xy[0], xy[1], n);
                }
                adam(gradient, t, steps);
                if (djl.gradients() == DjlBackendConfig.Gradients.AUTOGRAD) {
                    ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) params);
                }
                if (config.normConstraint() != NormConstraint.NONE) {
                    constrain(config.normConstraint());
                }
            }
            if (trackLiveArrays) {
                maxLiveArrays =
                        Math.max(maxLiveArrays, manager.getManagedArrays().size());
            }
            position += n;
            if (position == trainSamples) {
                position = 0;
            }
        }
        float[] all = params.toFloatArray();
        int p = layout.parameterCount();
        List<float[]> result = new java.util.ArrayList<>(nets);
        for (int b = 0; b < nets; b++) {
            result.add(java.util.Arrays.copyOfRange(all, b * p, (b + 1) * p));
        }
        return result;
    }

    /** Makes the parameters trainable by autograd (AUTOGRAD only). */
    void attachGradient() {
        params.setRequiresGradient(true);
    }

    private void newEpoch() {
        for (int b = 0; b < nets; b++) {
            tasks.get(b).order().nextEpoch(permutations[b]);
        }
        if (djl.gather() == DjlBackendConfig.Gather.DEVICE) {
            LongBuffer longs = permBytes.asLongBuffer();
            for (int b = 0; b < nets; b++) {
                int[] perm = permutations[b];
                int base = b * trainSamples;
                for (int i = 0; i < trainSamples; i++) {
                    longs.put(base + i, perm[i]);
                }
            }
            if (!onCpu) {
                if (permTensor != null) {
                    permTensor.close();
                }
                permTensor = manager.create(permBytes, new Shape(nets, trainSamples), DataType.INT64);
                NDScope.unregister(permTensor);
            }
        }
    }

    /** This step's inputs and targets, each [B, 1, n]: sample perm_b[position + j] of network b. */
    private NDArray[] minibatch(int n) {
        if (djl.gather() == DjlBackendConfig.Gather.DEVICE) {
            NDArray index = permTensor.get(new NDIndex().addAllDim().addSliceDim(position, position + n));
            Shape shape = new Shape(nets, 1, n);
            return new NDArray[] {
                xAll.gather(index, 1).reshape(shape), yAll.gather(index, 1).reshape(shape)
            };
        }
        FloatBuffer xf = xFloats;
        FloatBuffer yf = yFloats;
        int pos = position;
        for (int b = 0; b < nets; b++) {
            BackendTask task = tasks.get(b);
            float[] x = task.trainX();
            float[] y = task.trainY();
            int[] perm = permutations[b];
            int base = b * n;
            for (int j = 0; j < n; j++) {
                int i = perm[pos + j];
                xf.put(base + j, x[i]);
                yf.put(base + j, y[i]);
            }
        }
        if (onCpu) {
            return n == config.minibatch() ? new NDArray[] {xFull, yFull} : new NDArray[] {xLast, yLast};
        }
        int bytes = nets * n * Float.BYTES;
        Shape shape = new Shape(nets, 1, n);
        return new NDArray[] {
            manager.create(xBytes.slice(0, bytes), shape, DataType.FLOAT32),
            manager.create(yBytes.slice(0, bytes), shape, DataType.FLOAT32)
        };
    }

    private NDArray weights(int k) {
        return weightViews != null ? weightViews[k] : params.get(weightIndex[k]).reshape(weightShape[k]);
    }

    private NDArray weightsTransposed(int k) {
        return weightTransposeViews != null
                ? weightTransposeViews[k]
                : weights(k).transpose(0, 2, 1);
    }

    private NDArray bias(int k) {
        return biasViews != null ? biasViews[k] : params.get(biasIndex[k]).reshape(biasShape[k]);
    }

    /**
     * Forward pass; element k is layer k's output [B, out, n]: activated for hidden layers, the linear
     * output for the last. For softplus the pre-activations follow at index {@code layers + k}.
     */
    private NDArray[] forward(NDArray x) {
        Activation activation = config.activation();
        NDArray[] out = new NDArray[2 * layers];
        NDArray h = x;
        for (int k = 0; k < layers; k++) {
            NDArray w = weights(k);
            // a 1-wide input is an outer product: a broadcast multiply beats a batched matmul with K = 1
            NDArray z = (layout.size(k) == 1 ? w.mul(h) : w.matMul(h)).addi(bias(k));
            if (k < layers - 1) {
                out[layers + k] = z;
                h = switch (activation) {
                    case RELU -> z.getNDArrayInternal().relu();
                    case TANH -> z.tanh();
                    case SIGMOID -> z.getNDArrayInternal().sigmoid();
                    case SOFTPLUS -> z.getNDArrayInternal().softPlus(); // PyTorch's: beta 1, threshold 20
                };
            } else {
                h = z;
            }
            out[k] = h;
        }
        return out;
    }

    /**
     * Gradient of Σ_b mean_n (ŷ − y)² with respect to every parameter, [B, P] in the layout order,
     * by the hand-written backward pass.
     */
    private NDArray manualGradient(NDArray x, NDArray y, int n) {
        NDArray[] a = forward(x);
        NDArray dz = a[layers - 1].sub(y).muli(stepScalar(LOSS_SCALE, 2f / n)); // d/dŷ of mean_n (ŷ − y)²
        NDArray[] gw = new NDArray[layers];
        NDArray[] gb = new NDArray[layers];
        for (int k = layers - 1; k >= 0; k--) {
            NDArray input = k == 0 ? x : a[k - 1];
            gw[k] = dz.matMul(input.transpose(0, 2, 1)).reshape(nets, -1);
            gb[k] = dz.sum(new int[] {2});
            if (k > 0) {
                NDArray da = weightsTransposed(k).matMul(dz);
                dz = activationBackward(da, a[k - 1], a[layers + k - 1]);
            }
        }
        NDList parts = new NDList(2 * layers);
        for (int k = 0; k < layers; k++) {
            parts.add(gw[k]);
        }
        for (int k = 0; k < layers; k++) {
            parts.add(gb[k]);
        }
        return NDArrays.concat(parts, 1);
    }

    /** dL/dz from dL/da, the activation's output a and its input z; overwrites da. */
    private NDArray activationBackward(NDArray da, NDArray a, NDArray z) {
        return switch (config.activation()) {
            case RELU -> da.muli(a.sign()); // a = relu(z) ≥ 0: sign(a) = 1 where z > 0, else 0
            case TANH -> da.muli(a.square().getNDArrayInternal().rsubi(one)); // 1 − a²
            case SIGMOID -> da.muli(a.sub(a.square())); // a (1 − a)
            case SOFTPLUS -> da.muli(z.getNDArrayInternal().sigmoid()); // σ(z); 1 above the threshold
        };
    }

    /**
     * Adam in PyTorch's formula: m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
     * p −= (lr_t / bc1)·m / (sqrt(v)/sqrt(bc2) + ε), bc = 1 − β^(t+1).
     */
    private void adam(NDArray g, int t, int steps) {
        double bc1 = 1 - Math.pow(config.beta1(), t + 1);
        double bc2 = 1 - Math.pow(config.beta2(), t + 1);
        double lr = config.schedule().rate(config.learningRate(), t, steps);
        mean.muli(beta1).addi(g.mul(oneMinusBeta1));
        variance.muli(beta2).addi(g.square().muli(oneMinusBeta2));
        NDArray sqrtBc2 = stepScalar(SQRT_BC2, (float) Math.sqrt(bc2));
        NDArray stepSize = stepScalar(STEP_SIZE, (float) (lr / bc1));
        NDArray denominator = variance.sqrt().divi(sqrtBc2).addi(epsilon);
        params.subi(mean.div(denominator).muli(stepSize));
    }

    /** Rescales each hidden neuron's incoming [w; b] to norm ≤ 1 (the output layer stays free). */
    private void constrain(NormConstraint constraint) {
        for (int k = 0; k < layers - 1; k++) {
            NDArray w = weights(k); // views of params: the in-place division writes through
            NDArray b = bias(k);
            NDArray norm = constraint == NormConstraint.L2
                    ? w.square().sum(new int[] {2}, true).addi(b.square()).sqrt()
                    : w.abs().sum(new int[] {2}, true).addi(b.abs());
            NDArray divisor = norm.maximum(one);
            w.divi(divisor);
            b.divi(divisor);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

package io.weights2eq.domain.network;

import java.util.Arrays;

/**
 * Layer sizes of a fully-connected network and THE parameter order of weights2eq, used by every
 * module and every backend: PyTorch's {@code nn.Linear} layout, so that a network trained elsewhere
 * reads the same way.
 *
 * <pre>
 *   [ W0 (layers[1] x layers[0], row-major: out x in) | W1 | ... | W(L-1) | b0 | b1 | ... | b(L-1) ]
 * </pre>
 *
 * All weight matrices first, layer by layer, then all bias vectors. For 1-8-7-8-1: 8 + 56 + 56 + 8 =
 * 128 weights, then 8 + 7 + 8 + 1 = 24 biases, 152 parameters.
 */
public final class NetworkLayout {
    /** The network of the original work: 1 → 8 → 7 → 8 → 1. */
    public static final NetworkLayout DEFAULT = new NetworkLayout(1, 8, 7, 8, 1);
    /** Limits that keep a network "tiny" (the kernel keeps a whole network in L1 cache). */
    public static final int MAX_LAYERS = 8;

    public static final int MAX_WIDTH = 64;
    /** Most parameters any layout within these limits has: every linear layer at full width, with its biases. */
    public static final int MAX_PARAMETERS = MAX_LAYERS * MAX_WIDTH * (MAX_WIDTH + 1);

    private final int[] sizes;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int parameterCount;

    public NetworkLayout(int... sizes) {
        if (sizes.length < 2 || sizes.length > MAX_LAYERS + 1) {
            throw new IllegalArgumentException(
                    "layers: between 2 and " + (MAX_LAYERS + 1) + " sizes, was " + sizes.length);
        }
        for (int size : sizes) {
            if (size < 1 || size > MAX_WIDTH) {
                throw new IllegalArgumentException(
                        "layers: each size between 1 and " + MAX_WIDTH + ", was " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        int layers = sizes.length - 1;
        this.weightOffsets = new int[layers];
        this.biasOffsets = new int[layers];
        int offset = 0;
        for (int k = 0; k < layers; k++) {
            weightOffsets[k] = offset;
            offset += sizes[k + 1] * sizes[k];
        }
        for (int k = 0; k < layers; k++) {
            biasOffsets[k] = offset;
            offset += sizes[k + 1];
        }
        this.parameterCount = offset;
    }

    /** Layer sizes from input to output. */
    public int[] sizes() {
        return sizes.clone();
    }

    public int size(int index) {
        return sizes[index];
    }

    /** Number of linear layers (weight matrices). */
    public int linearLayers() {
        return sizes.length - 1;
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public int parameterCount() {
        return parameterCount;
    }

    public int weightCount() {
        return biasOffsets[0];
    }

    /** Offset of linear layer k's weight matrix (layers[k+1] rows × layers[k] columns). */
    public int weightOffset(int layer) {
        return weightOffsets[layer];
    }

    /** Offset of linear layer k's bias vector (layers[k+1] entries). */
    public int biasOffset(int layer) {
        return biasOffsets[layer];
    }

    /** Index of the weight from input neuron {@code in} to output neuron {@code out} of linear layer k. */
    public int weightIndex(int layer, int out, int in) {
        return weightOffsets[layer] + out * sizes[layer] + in;
    }

    public int biasIndex(int layer, int out) {
        return biasOffsets[layer] + out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkLayout other && Arrays.equals(sizes, other.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes);
    }
}

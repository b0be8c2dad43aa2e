package io.weights2eq.domain.admissible;

import java.util.List;

/**
 * An admissible network compiled for fast double evaluation: the neurons in order (already topological) as flat
 * arrays of (source node, weight). An instance is immutable and thread-safe (the package's rounding search changes
 * parameters only in a private {@link #copy}); {@link #evaluateMany} reuses one node buffer for a whole batch, so
 * evaluating 9,261 inputs allocates nothing per input.
 */
public final class DoubleEvaluator {

    private final int inputs;
    private final int nodeCount;
    private final int[] start; // neuron i reads sources[start[i] .. start[i+1])
    private final int[] sources; // 0-based node indices
    private final double[] weights;
    private final double[] biases;
    private final AdmissibleActivation[] activations;
    private final int[] outputs; // 0-based node indices

    public DoubleEvaluator(AdmissibleNetwork network) {
        this.inputs = network.inputs();
        this.nodeCount = network.nodeCount();
        List<AdmissibleNeuron> neurons = network.neurons();
        int n = neurons.size();
        this.start = new int[n + 1];
        int total = 0;
        for (int i = 0; i < n; i++) {
            start[i] = total;
            total += neurons.get(i).weights().size();
        }
        start[n] = total;
        this.sources = new int[total];
        this.weights = new double[total];
        this.biases = new double[n];
        this.activations = new AdmissibleActivation[n];
        for (int i = 0; i < n; i++) {
            AdmissibleNeuron neuron = neurons.get(i);
            int at = start[i];
            for (var w : neuron.weights().entrySet()) {
                sources[at] = w.getKey() - 1;
                weights[at] = w.getValue().doubleValue();
                at++;
            }
            biases[i] = neuron.bias().doubleValue();
            activations[i] = neuron.activation();
        }
        this.outputs = network.outputs().stream().mapToInt(node -> node - 1).toArray();
    }

    private DoubleEvaluator(DoubleEvaluator other) {
        this.inputs = other.inputs;
        this.nodeCount = other.nodeCount;
        this.start = other.start;
        this.sources = other.sources;
        this.weights = other.weights.clone();
        this.biases = other.biases.clone();
        this.activations = other.activations;
        this.outputs = other.outputs;
    }

    /** A copy whose parameters {@link #setWeight} and {@link #setBias} may change: for this package's searches. */
    DoubleEvaluator copy() {
        return new DoubleEvaluator(this);
    }

    /** Neuron {@code neuron}'s {@code slot}-th weight (in node order) becomes {@code value}; only on a copy. */
    void setWeight(int neuron, int slot, double value) {
        weights[start[neuron] + slot] = value;
    }

    void setBias(int neuron, double value) {
        biases[neuron] = value;
    }

    /** The 0-based node index of output {@code k}. */
    int outputNode(int k) {
        return outputs[k];
    }

    public int inputCount() {
        return inputs;
    }

    public int outputCount() {
        return outputs.length;
    }

    /** The outputs at one input vector (allocates; for many inputs use {@link #evaluateMany}). */
    public double[] evaluate(double... x) {
        if (x.length != inputs) {
            throw new IllegalArgumentException("x: the network has " + inputs + " inputs, was " + x.length);
        }
        double[] out = new double[outputs.length];
        evaluateMany(x, 1, out);
        return out;
    }

    /**
     * Evaluates {@code count} input vectors stored row after row in {@code x} ({@code count × inputs}) into
     * {@code out} ({@code count × outputs}, row after row).
     */
    public void evaluateMany(double[] x, int count, double[] out) {
        if (count < 0 || x.length < (long) count * inputs || out.length < (long) count * outputs.length) {
            throw new IllegalArgumentException("x and out: " + count + " rows need " + (long) count * inputs
                    + " inputs and " + (long) count * outputs.length + " outputs, had " + x.length + " and "
                    + out.length);
        }
        double[] node = new double[nodeCount];
        for (int row = 0; row < count; row++) {
            System.arraycopy(x, row * inputs, node, 0, inputs);
            forward(node);
            int o = row * outputs.length;
            for (int k = 0; k < outputs.length; k++) {
                out[o + k] = node[outputs[k]];
            }
        }
    }

    /** Fills {@code node[inputs..]} from {@code node[0..inputs)}: every node's value, for callers that need them. */
    public void forward(double[] node) {
        forwardFrom(0, node);
    }

    /**
     * Recomputes the neurons from index {@code firstNeuron} on, the earlier nodes already in {@code node}: when one
     * neuron's parameters change, nothing before it does.
     */
    public void forwardFrom(int firstNeuron, double[] node) {
        forwardFrom(firstNeuron, node, 0);
    }

    /** {@link #forwardFrom(int, double[])} on the nodes stored at {@code node[offset .. offset + nodeCount)}. */
    public void forwardFrom(int firstNeuron, double[] node, int offset) {
        int n = biases.length;
        for (int i = firstNeuron; i < n; i++) {
            double z = biases[i];
            for (int j = start[i], end = start[i + 1]; j < end; j++) {
                z += weights[j] * node[offset + sources[j]];
            }
            node[offset + inputs + i] = activations[i].apply(z);
        }
    }

    /** Number of nodes (the size of the buffer {@link #forward} fills). */
    public int nodeCount() {
        return nodeCount;
    }
}

package io.weights2eq.domain.admissible;

import io.weights2eq.domain.network.InvalidFieldException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seed 001's admissible network: input nodes 1..n, then neurons numbered n+1, n+2, … in order, each reading only
 * earlier nodes, and a list of output nodes (any nodes, in the order given, repeats allowed). Immutable; every
 * refusal names the neuron (index and node number) and the field, e.g.
 * {@code neurons[2] (node 6): weights."7" names node 7, which is not earlier than node 6}.
 */
public record AdmissibleNetwork(int inputs, List<AdmissibleNeuron> neurons, List<Integer> outputs) {

    public AdmissibleNetwork {
        Objects.requireNonNull(neurons, "neurons");
        Objects.requireNonNull(outputs, "outputs");
        neurons = List.copyOf(neurons);
        outputs = List.copyOf(outputs);
        checkInputs(inputs);
        if (neurons.size() > AdmissibleLimits.MAX_NEURONS) {
            throw new InvalidFieldException(
                    "neurons",
                    "neurons must have at most " + AdmissibleLimits.MAX_NEURONS
                            + " neurons (AdmissibleLimits.MAX_NEURONS), had " + neurons.size());
        }
        long weights = 0;
        for (int i = 0; i < neurons.size(); i++) {
            checkReads(inputs, i, neurons.get(i).weights().keySet());
            weights += neurons.get(i).weights().size();
        }
        if (weights > AdmissibleLimits.MAX_WEIGHTS) {
            throw new InvalidFieldException(
                    "neurons",
                    "neurons must have at most " + AdmissibleLimits.MAX_WEIGHTS
                            + " weights in all (AdmissibleLimits.MAX_WEIGHTS), had " + weights);
        }
        checkOutputs(inputs + neurons.size(), outputs);
    }

    /** Number of nodes: inputs, then neurons. */
    public int nodeCount() {
        return inputs + neurons.size();
    }

    /** The node number of the neuron at {@code index} (0-based). */
    public int nodeOf(int index) {
        return inputs + 1 + index;
    }

    /** How a neuron's place is named in every message: its index in {@code neurons} and its node number. */
    static String neuronName(int inputs, int index) {
        return "neurons[" + index + "] (node " + (inputs + 1 + index) + ")";
    }

    static void checkInputs(int inputs) {
        if (inputs < 1 || inputs > AdmissibleLimits.MAX_INPUTS) {
            throw new InvalidFieldException(
                    "inputs",
                    "inputs must be between 1 and " + AdmissibleLimits.MAX_INPUTS
                            + " (AdmissibleLimits.MAX_INPUTS), was " + inputs);
        }
    }

    static void checkReads(int inputs, int index, Iterable<Integer> nodes) {
        int self = inputs + 1 + index;
        for (int node : nodes) {
            if (node < 1 || node >= self) {
                String field = neuronName(inputs, index) + ".weights.\"" + node + "\"";
                String why = node < 1
                        ? "node numbers start at 1"
                        : node == self ? "a neuron cannot read itself" : "a forward reference";
                throw new InvalidFieldException(
                        field,
                        field + " names node " + node + ", which is not earlier than node " + self + " (" + why
                                + "): a neuron reads nodes 1.." + (self - 1));
            }
        }
    }

    static void checkOutputs(int nodeCount, List<Integer> outputs) {
        if (outputs.isEmpty()) {
            throw new InvalidFieldException("outputs", "outputs must name at least one node, was empty");
        }
        if (outputs.size() > AdmissibleLimits.MAX_OUTPUTS) {
            throw new InvalidFieldException(
                    "outputs",
                    "outputs must have at most " + AdmissibleLimits.MAX_OUTPUTS
                            + " nodes (AdmissibleLimits.MAX_OUTPUTS), had " + outputs.size());
        }
        for (int i = 0; i < outputs.size(); i++) {
            Integer node = Objects.requireNonNull(outputs.get(i), "outputs[" + i + "]");
            if (node < 1 || node > nodeCount) {
                String field = "outputs[" + i + "]";
                throw new InvalidFieldException(
                        field, field + " must be a node between 1 and " + nodeCount + ", was " + node);
            }
        }
    }

    /** Builds a network neuron by neuron, as a construction does; each neuron is checked when added. */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    public static final class Builder {
        private final int inputs;
        private final List<AdmissibleNeuron> neurons = new ArrayList<>();
        private final List<Integer> outputs = new ArrayList<>();

        private Builder(int inputs) {
            checkInputs(inputs);
            this.inputs = inputs;
        }

        /** Adds x_k = f(Σ w_j·x_j + b) and returns k, its node number; a weight naming a node not earlier is refused. */
        public int add(Map<Integer, BigDecimal> weights, BigDecimal bias, AdmissibleActivation activation) {
            return add(AdmissibleNeuron.of(weights, bias, activation));
        }

        public int add(AdmissibleNeuron neuron) {
            checkReads(inputs, neurons.size(), neuron.weights().keySet());
            neurons.add(neuron);
            return inputs + neurons.size();
        }

        /** Appends an output node. */
        public Builder output(int node) {
            outputs.add(node);
            return this;
        }

        /** The node number the next neuron will get. */
        public int nextNode() {
            return inputs + neurons.size() + 1;
        }

        public AdmissibleNetwork build() {
            return new AdmissibleNetwork(inputs, neurons, outputs);
        }
    }
}

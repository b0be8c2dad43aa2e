package io.weights2eq.domain.network;

import java.util.Objects;

/**
 * A network's architecture, parameters (in the {@link NetworkLayout} order), the domain of its inputs, and its
 * function. The domain defaults to [-1, 1] for every input.
 */
public record Network(NetworkLayout layout, Activation activation, float[] parameters, InputDomain domain) {

    public Network {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(domain, "domain");
        if (parameters.length != layout.parameterCount()) {
            throw new IllegalArgumentException("parameters: " + layout + " needs " + layout.parameterCount()
                    + " parameters, was " + parameters.length);
        }
        if (domain.inputs() != layout.inputSize()) {
            throw new IllegalArgumentException(
                    "domain: " + layout + " has " + layout.inputSize() + " input(s), the domain " + domain.inputs());
        }
    }

    /** A network whose every input lies on [-1, 1]. */
    public Network(NetworkLayout layout, Activation activation, float[] parameters) {
        this(layout, activation, parameters, InputDomain.unit(layout.inputSize()));
    }

    /** The same parameters on another domain. */
    public Network withDomain(InputDomain newDomain) {
        return new Network(layout, activation, parameters, newDomain);
    }

    public int inputs() {
        return layout.inputSize();
    }

    /** The network's output at a scalar input, in double precision (one input). */
    public double evaluate(double x) {
        if (layout.inputSize() != 1) {
            throw new IllegalArgumentException(
                    "inputs: this network has " + layout.inputSize() + " inputs, was given 1");
        }
        return evaluate(new double[] {x});
    }

    /** The network's output at {@code inputs} (one value per input), in double precision. */
    public double evaluate(double... inputs) {
        if (inputs.length != layout.inputSize()) {
            throw new IllegalArgumentException(
                    "inputs: this network has " + layout.inputSize() + " inputs, was given " + inputs.length);
        }
        double[] current = inputs;
        int layers = layout.linearLayers();
        for (int k = 0; k < layers; k++) {
            int outs = layout.size(k + 1);
            int ins = layout.size(k);
            double[] next = new double[outs];
            for (int o = 0; o < outs; o++) {
                double z = parameters[layout.biasIndex(k, o)];
                for (int i = 0; i < ins; i++) {
                    z += parameters[layout.weightIndex(k, o, i)] * current[i];
                }
                next[o] = k < layers - 1 ? activation.apply(z) : z;
            }
            current = next;
        }
        return current[0];
    }
}

package io.weights2eq.domain.network;

import java.util.Objects;

/** A network's architecture and parameters (in the {@link NetworkLayout} order), and its function. */
public record Network(NetworkLayout layout, Activation activation, float[] parameters) {

    public Network {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(activation, "activation");
        if (parameters.length != layout.parameterCount()) {
            throw new IllegalArgumentException("parameters: " + layout + " needs " + layout.parameterCount()
                    + " parameters, was " + parameters.length);
        }
    }

    /** The network's output at a scalar input, in double precision (single input and output). */
    public double evaluate(double x) {
        double[] current = {x};
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

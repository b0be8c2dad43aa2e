package io.weights2eq.domain.network;

import java.util.Arrays;

/** Hidden-layer activation; the output layer is always linear. */
public enum Activation {
    RELU("relu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    SOFTPLUS("softplus");

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Activation fromLabel(String label) {
        for (Activation a : values()) {
            if (a.label.equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation must be one of "
                + Arrays.stream(values()).map(Activation::label).toList() + ", was '" + label + "'");
    }

    /** The activation in double precision, for evaluating a network's function. */
    public double apply(double z) {
        return switch (this) {
            case RELU -> z > 0 ? z : 0.0;
            case TANH -> Math.tanh(z);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
            case SOFTPLUS -> z > 20 ? z : Math.log1p(Math.exp(z)); // PyTorch's threshold 20
        };
    }
}

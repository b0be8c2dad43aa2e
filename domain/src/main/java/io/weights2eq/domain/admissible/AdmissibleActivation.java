package io.weights2eq.domain.admissible;

import java.util.Arrays;

/**
 * Exactly seed 001's five activations. A type of its own: the layered networks' activation set is another (tanh,
 * no identity or sine).
 */
public enum AdmissibleActivation {
    IDENTITY("identity"),
    RELU("relu"),
    SOFTPLUS("softplus"),
    SIGMOID("sigmoid"),
    SIN("sin");

    private final String label;

    AdmissibleActivation(String label) {
        this.label = label;
    }

    /** The name in the file format. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException listing the five names */
    public static AdmissibleActivation fromLabel(String label) {
        for (AdmissibleActivation a : values()) {
            if (a.label.equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation must be one of "
                + Arrays.stream(values()).map(AdmissibleActivation::label).toList() + ", was '" + label + "'");
    }

    /** f(t) in double precision; softplus and sigmoid written so that no large |t| overflows. */
    public double apply(double t) {
        return switch (this) {
            case IDENTITY -> t;
            case RELU -> t > 0 ? t : 0.0;
            case SOFTPLUS -> t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
            case SIGMOID -> t >= 0 ? 1.0 / (1.0 + Math.exp(-t)) : Math.exp(t) / (1.0 + Math.exp(t));
            case SIN -> Math.sin(t);
        };
    }

    /** Whether f maps exact decimals to exact decimals (what {@link ExactEvaluator} can evaluate). */
    public boolean isExact() {
        return this == IDENTITY || this == RELU;
    }
}

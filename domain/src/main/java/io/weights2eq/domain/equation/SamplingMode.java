package io.weights2eq.domain.equation;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How an {@link EquationSampler} draws equations. */
public enum SamplingMode {
    /** Every achievable canonical-text length is equally likely (the weights2eq default). */
    UNIFORM_LENGTH("uniform-length"),
    /** The original project's distribution, kept for comparison; skewed towards long texts. */
    SERVANT("servant"),
    /**
     * Seed 001's monic cubics x³ + ax² + bx + c: each lower coefficient a whole number uniform in
     * [coefficientMin, coefficientMax] (zero included, so a term may drop out); the leading one is always 1.
     */
    CUBIC("cubic"),
    /**
     * Seed 002's elementary functions of one or two inputs: random expression trees (constants, x or x1 and x2,
     * + - * /, integer powers, sin cos exp log sqrt) in the manner of Lample &amp; Charton. Not a polynomial: the
     * polynomial fields of {@link EquationFamily} read differently in this mode (see there).
     */
    ELEMENTARY("elementary");

    private final String label;

    SamplingMode(String label) {
        this.label = label;
    }

    /** The stable external name used in configuration and on the wire. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the valid labels */
    public static SamplingMode fromLabel(String label) {
        for (SamplingMode mode : values()) {
            if (mode.label.equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown sampling mode '" + label + "', expected one of "
                + Arrays.stream(values()).map(SamplingMode::label).collect(Collectors.joining(", ")));
    }
}

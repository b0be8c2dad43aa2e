package io.weights2eq.domain.expression;

import java.util.Arrays;
import java.util.Optional;

/** The functions of the language, in their canonical order; {@code log} is the natural logarithm. */
public enum ElementaryFunction {
    SIN("sin"),
    COS("cos"),
    EXP("exp"),
    LOG("log"),
    SQRT("sqrt");

    private final String text;

    ElementaryFunction(String text) {
        this.text = text;
    }

    /** The name as written: {@code sin}. */
    public String text() {
        return text;
    }

    /** Whether the argument must be positive on the whole domain (the sampler checks it). */
    public boolean needsPositiveArgument() {
        return this == LOG || this == SQRT;
    }

    public double apply(double argument) {
        return switch (this) {
            case SIN -> Math.sin(argument);
            case COS -> Math.cos(argument);
            case EXP -> Math.exp(argument);
            case LOG -> Math.log(argument);
            case SQRT -> Math.sqrt(argument);
        };
    }

    public static Optional<ElementaryFunction> named(String name) {
        return Arrays.stream(values()).filter(f -> f.text.equals(name)).findFirst();
    }
}

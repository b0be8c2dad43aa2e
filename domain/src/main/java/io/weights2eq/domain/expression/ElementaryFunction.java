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

    /** StrictMath, not Math: the same bits on every JVM and CPU, so samples are deterministic everywhere. */
    public double apply(double argument) {
        return switch (this) {
            case SIN -> StrictMath.sin(argument);
            case COS -> StrictMath.cos(argument);
            case EXP -> StrictMath.exp(argument);
            case LOG -> StrictMath.log(argument);
            case SQRT -> StrictMath.sqrt(argument);
        };
    }

    public static Optional<ElementaryFunction> named(String name) {
        return Arrays.stream(values()).filter(f -> f.text.equals(name)).findFirst();
    }
}

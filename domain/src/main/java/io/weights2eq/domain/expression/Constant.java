package io.weights2eq.domain.expression;

import java.math.BigDecimal;

/** An exact constant; its scale is normalised (2.50 becomes 2.5, 0.0 becomes 0) so that equal values are equal. */
public record Constant(BigDecimal value) implements Expression {

    public static final Constant ZERO = new Constant(BigDecimal.ZERO);
    public static final Constant ONE = new Constant(BigDecimal.ONE);

    public Constant {
        if (value == null) {
            throw new IllegalArgumentException("constant: value must be set");
        }
        value = normalise(value);
    }

    public static Constant of(long value) {
        return new Constant(BigDecimal.valueOf(value));
    }

    /** Trailing zeros stripped, never a negative scale (so 100 prints as 100, not 1E+2). */
    static BigDecimal normalise(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @Override
    public double evaluate(double... inputs) {
        return value.doubleValue();
    }
}

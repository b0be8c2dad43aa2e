package io.weights2eq.domain.expression;

/**
 * {@code base ^ exponent}, a whole exponent from 2 to {@link #MAX_EXPONENT}. Trees of the family use 2..6
 * ({@link #MAX_FAMILY_EXPONENT}); normal forms may merge powers beyond (x^3*x^4 is x^7).
 */
public record Power(Expression base, int exponent) implements Expression {

    /** The most a power of the family's trees has: the contract's {@code x^2} .. {@code x^6}. */
    public static final int MAX_FAMILY_EXPONENT = 6;
    /** The most any text may write, bounding the work of expanding a power of a sum. */
    public static final int MAX_EXPONENT = 64;

    public Power {
        if (base == null) {
            throw new IllegalArgumentException("power: base must be set");
        }
        if (exponent < 2 || exponent > MAX_EXPONENT) {
            throw new IllegalArgumentException(
                    "power: exponent must be between 2 and " + MAX_EXPONENT + ", was " + exponent);
        }
    }

    @Override
    public double evaluate(double... inputs) {
        return raise(base.evaluate(inputs), exponent);
    }

    /** {@code b^k} by repeated multiplication, left to right: the same bits everywhere (Math.pow may differ). */
    static double raise(double b, int k) {
        double result = b;
        for (int i = 1; i < k; i++) {
            result *= b;
        }
        return result;
    }
}

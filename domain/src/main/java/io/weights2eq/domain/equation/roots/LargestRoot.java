package io.weights2eq.domain.equation.roots;

/**
 * The largest real root of a polynomial: its value (the double nearest the exact root) and its multiplicity
 * (1 simple, 2 double, 3 triple…).
 */
public record LargestRoot(double value, int multiplicity) {
    public LargestRoot {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        if (multiplicity < 1) {
            throw new IllegalArgumentException("multiplicity must be >= 1, was " + multiplicity);
        }
    }

    /** A double or higher root: the polynomial touches zero there, and may not change sign. */
    public boolean isMultiple() {
        return multiplicity > 1;
    }
}

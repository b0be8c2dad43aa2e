package io.weights2eq.domain.equation;

/**
 * How a coefficient is written, which decides how many decimals its canonical text shows:
 * a whole number ({@code 3}), a short decimal ({@code 2.5}, {@link EquationFamily#decimalDigits()} decimals) or a
 * "fraction" written as a longer decimal ({@code 0.75}, {@link EquationFamily#fractionDigits()} decimals).
 */
public enum CoefficientKind {
    WHOLE,
    DECIMAL,
    FRACTION;

    /** Exact number of decimals a coefficient of this kind has in a family (its last decimal is non-zero). */
    public int decimals(EquationFamily family) {
        return switch (this) {
            case WHOLE -> 0;
            case DECIMAL -> family.decimalDigits();
            case FRACTION -> family.fractionDigits();
        };
    }

    /** The family's relative weight of this kind. */
    public double weight(EquationFamily family) {
        return switch (this) {
            case WHOLE -> family.wholeWeight();
            case DECIMAL -> family.decimalWeight();
            case FRACTION -> family.fractionWeight();
        };
    }
}

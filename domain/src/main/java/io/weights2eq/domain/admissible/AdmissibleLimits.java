package io.weights2eq.domain.admissible;

/**
 * The size limits of an admissible network, in one place: every refusal names the constant it hit. They keep a file
 * from costing unbounded memory or time, and are far above any network this project builds (the cubic-root
 * challenge networks have a few thousand neurons).
 */
public final class AdmissibleLimits {
    /** Most input nodes. */
    public static final int MAX_INPUTS = 1_000;
    /** Most neurons. */
    public static final int MAX_NEURONS = 100_000;
    /** Most weights over all neurons (a neuron's sparse map counts what it names). */
    public static final int MAX_WEIGHTS = 2_000_000;
    /** Most output nodes. */
    public static final int MAX_OUTPUTS = 10_000;
    /** Longest decimal string, in characters. */
    public static final int MAX_NUMBER_LENGTH = 200;
    /** Largest |exponent| of a decimal's scientific form, so that its precision and plain text stay small. */
    public static final int MAX_EXPONENT = 400;

    private AdmissibleLimits() {}
}

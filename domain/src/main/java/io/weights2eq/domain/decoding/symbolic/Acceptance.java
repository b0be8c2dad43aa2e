package io.weights2eq.domain.decoding.symbolic;

/**
 * When a candidate fits "within the function's own error": its unexplained variance (1 − R²) is at most
 * {@code (1 + relative)·best + floor}, best the least unexplained variance of any candidate. The floor is the
 * function's own error: a network is only as exact as its training (the trainer's quality gate holds the
 * validation MSE to 1e-3 of Var(y), a typical tanh network sits at 1e-5 to 6e-4), an expression evaluated exactly
 * only as exact as double arithmetic. For networks 3e-4 was measured best of 1e-4, 3e-4 and 1e-3 on trained tanh
 * networks (docs/results.md): 1e-4 rejects the truth of the less exact networks, 1e-3 accepts candidates with
 * R² below 0.999. The relative part keeps a candidate that fits a little worse than an overfitting
 * one. The one rule both symbolic decoders and the constant rounding use.
 *
 * @param relative how much worse than the best a candidate may be, as a fraction of the best
 * @param floor    the function's own error, in unexplained variance
 */
public record Acceptance(double relative, double floor) {
    /** For trained networks. */
    public static final Acceptance NETWORK = new Acceptance(1.0, 3e-4);
    /** For functions evaluated exactly (an expression in place of a network). */
    public static final Acceptance EXACT = new Acceptance(1.0, 1e-12);

    public Acceptance {
        if (!(relative >= 0) || !(floor >= 0 && floor < 1)) {
            throw new IllegalArgumentException(
                    "tolerance: relative must be ≥ 0 and floor in [0, 1), were " + relative + " and " + floor);
        }
    }

    /** The network acceptance with another floor (to measure the choice). */
    public static Acceptance withFloor(double floor) {
        return new Acceptance(NETWORK.relative, floor);
    }

    boolean accepts(double unexplained, double best) {
        return unexplained <= (1 + relative) * best + floor;
    }
}

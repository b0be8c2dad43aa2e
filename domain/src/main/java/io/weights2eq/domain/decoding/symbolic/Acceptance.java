package io.weights2eq.domain.decoding.symbolic;

/**
 * When a candidate fits "within the function's own error": its unexplained variance (1 − R²) is at most
 * {@code (1 + relative)·best + floor}, best the least unexplained variance of any candidate. The floor is the
 * function's own error: a network is only as exact as its training (the trainer's quality gate holds the
 * validation MSE to 1e-3 of Var(y), a typical tanh network sits at 1e-5 to 6e-4), an expression evaluated exactly
 * only as exact as double arithmetic. For networks 3e-4 was measured best of 1e-4, 3e-4 and 1e-3 on trained tanh
 * networks (docs/results.md): 1e-4 rejects the truth of the less exact networks, 1e-3 accepts candidates with
 * R² below 0.999. The relative part keeps a candidate that fits a little worse than an overfitting
 * one. A trained network's error is often mostly a constant offset (its output bias drifts with the last
 * minibatches: {@code x^2-0.01} for {@code x^2}), so a candidate whose error beyond the floor is such an offset,
 * at most {@code offset} of the variance, is accepted too. The one rule both symbolic decoders and the constant
 * rounding use.
 *
 * @param relative how much worse than the best a candidate may be, as a fraction of the best
 * @param floor    the function's own error, in unexplained variance
 * @param offset   the unexplained variance a constant offset may add on top, beyond the floor
 */
public record Acceptance(double relative, double floor, double offset) {
    /** Measured against 0 and 4e-3 on PyTorch's and our networks (docs/results.md). */
    private static final double OFFSET = 2e-3;
    /** For trained networks. */
    public static final Acceptance NETWORK = new Acceptance(1.0, 3e-4, OFFSET);
    /** For functions evaluated exactly (an expression in place of a network). */
    public static final Acceptance EXACT = new Acceptance(1.0, 1e-12, 0);

    public Acceptance {
        if (!(relative >= 0) || !(floor >= 0 && floor < 1) || !(offset >= 0 && offset < 1)) {
            throw new IllegalArgumentException("tolerance: relative must be ≥ 0, floor and offset in [0, 1), were "
                    + relative + ", " + floor + " and " + offset);
        }
    }

    /** The network acceptance with another floor (to measure the choice). */
    public static Acceptance withFloor(double floor) {
        return new Acceptance(NETWORK.relative, floor, NETWORK.offset);
    }

    boolean accepts(Scoring.Score score, double best) {
        return score.unexplained() <= allowed(best);
    }

    /** As {@link #accepts}, or within it but for a constant offset of at most {@code offset}. */
    boolean acceptsOffset(Scoring.Score score, double best) {
        double shape = score.unexplained() - score.offsetShare();
        return accepts(score, best) || (score.offsetShare() <= offset && shape <= allowed(best));
    }

    /** The most unexplained variance accepted against {@code best}. */
    double allowed(double best) {
        return (1 + relative) * best + floor;
    }
}

package io.weights2eq.domain.training;

/** Learning rate as a function of the step (0-based) out of the budget. */
public enum LearningRateSchedule {
    CONSTANT,
    /** Cosine decay from the base rate to 0 over the budget. */
    COSINE;

    public double rate(double base, int step, int steps) {
        return switch (this) {
            case CONSTANT -> base;
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * step / steps));
        };
    }
}

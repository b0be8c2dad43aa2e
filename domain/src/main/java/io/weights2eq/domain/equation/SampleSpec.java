package io.weights2eq.domain.equation;

import java.util.ArrayList;
import java.util.List;

/**
 * How many {@code (x, y)} samples to draw per equation and from which x interval {@code [xMin, xMax)}.
 */
public record SampleSpec(int count, double xMin, double xMax) {

    public static final int MAX_COUNT = 50_000;
    /** Keeps {@code |x|} below 2<sup>20</sup>, which the exact float evaluation relies on for its fast path. */
    public static final double MAX_ABS_X = 1e6;

    /** 5,000 samples with x in [-1, 1). */
    public static SampleSpec defaults() {
        return new SampleSpec(5000, -1, 1);
    }

    /** All broken rules; empty when valid. */
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (count < 1 || count > MAX_COUNT) {
            violations.add(new Violation("count", "must be between 1 and " + MAX_COUNT + ", was " + count));
        }
        boolean bothUsable = checkX(violations, "xMin", xMin) & checkX(violations, "xMax", xMax);
        if (bothUsable && !(xMin < xMax)) {
            violations.add(new Violation("xMax", "must be greater than xMin (" + xMin + "), was " + xMax));
        }
        return violations;
    }

    /** @throws IllegalArgumentException listing every violation */
    public SampleSpec requireValid() {
        Violation.requireNone("sample spec", validate());
        return this;
    }

    private static boolean checkX(List<Violation> violations, String field, double value) {
        if (!Double.isFinite(value)) {
            violations.add(new Violation(field, "must be a finite number, was " + value));
            return false;
        }
        if (Math.abs(value) > MAX_ABS_X) {
            violations.add(new Violation(field, "must be between -1000000 and 1000000, was " + value));
            return false;
        }
        return true;
    }
}

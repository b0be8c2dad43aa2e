package io.weights2eq.domain.equation;

import io.weights2eq.domain.network.InputDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * How many samples to draw per equation and where: one input on {@code [xMin, xMax)}, or, when {@code domain} is
 * set, each input on its own interval (input 0's is then {@code [xMin, xMax]}; {@link #of(int, InputDomain)}).
 * Polynomial families have one input; elementary ones one or two.
 */
public record SampleSpec(int count, double xMin, double xMax, InputDomain domain) {

    /** One input on {@code [xMin, xMax)}, the polynomial families' spec. */
    public SampleSpec(int count, double xMin, double xMax) {
        this(count, xMin, xMax, null);
    }

    /** Each input on its interval of {@code domain}. */
    public static SampleSpec of(int count, InputDomain domain) {
        return new SampleSpec(count, domain.input(0).lo(), domain.input(0).hi(), domain);
    }

    public static final int MAX_COUNT = 50_000;
    /** Keeps {@code |x|} below 2<sup>20</sup>, which the exact float evaluation relies on for its fast path. */
    public static final double MAX_ABS_X = 1e6;

    /** 5,000 samples with x in [-1, 1). */
    public static SampleSpec defaults() {
        return new SampleSpec(5000, -1, 1);
    }

    /** The domain of each input: the one given, else one input on {@code [xMin, xMax]} (only for a valid spec). */
    public InputDomain inputDomain() {
        return domain != null ? domain : InputDomain.of(xMin, xMax);
    }

    public int inputs() {
        return domain == null ? 1 : domain.inputs();
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
        if (domain != null && (domain.input(0).lo() != xMin || domain.input(0).hi() != xMax)) {
            violations.add(new Violation(
                    "domain[0]", "must equal [xMin, xMax] = [" + xMin + ", " + xMax + "], was " + domain.input(0)));
        }
        for (int i = 0; domain != null && i < domain.inputs(); i++) {
            if (!domain.input(i).within(MAX_ABS_X)) {
                violations.add(new Violation(
                        "domain[" + i + "]", "must lie within [-1000000, 1000000], was " + domain.input(i)));
            }
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

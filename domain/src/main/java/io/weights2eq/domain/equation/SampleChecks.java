package io.weights2eq.domain.equation;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks every consumer of an equation's samples applies before using them: x holding {@code inputs} values
 * per sample of y (sample-major: {@code x[i * inputs + j]} is input j of sample i), no more samples than the
 * consumer's declared limit, every value finite. Each violation names the field and the limit.
 */
public final class SampleChecks {
    private SampleChecks() {}

    /** {@link #check(float[], float[], int, int, String)} of one input. */
    public static List<Violation> check(float[] x, float[] y, int maxSamples, String setting) {
        return check(x, y, 1, maxSamples, setting);
    }

    /**
     * @param inputs     values of x per sample (1 or 2)
     * @param maxSamples the consumer's limit on the number of samples (its setting is named in the message)
     * @param setting    the configuration key of that limit, for the message
     */
    public static List<Violation> check(float[] x, float[] y, int inputs, int maxSamples, String setting) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be at least 1, was " + inputs);
        }
        List<Violation> v = new ArrayList<>();
        int xSamples = x.length / inputs;
        if (inputs == 1 && x.length != y.length) {
            v.add(new Violation("y", "must have as many samples as x (" + x.length + "), was " + y.length));
        } else if (x.length != y.length * inputs) {
            v.add(new Violation(
                    "x",
                    "must hold " + inputs + " values per sample (sample-major, x[i*" + inputs + " + j]), "
                            + (long) y.length * inputs + " for the " + y.length + " samples of y, was " + x.length));
        }
        int count = Math.max(xSamples, y.length);
        if (count > maxSamples) {
            v.add(new Violation(
                    xSamples >= y.length ? "x" : "y",
                    "at most " + maxSamples + " samples (" + setting + "), was " + count));
        }
        for (int i = 0; i < Math.min(xSamples, y.length); i++) {
            boolean xFinite = true;
            for (int j = 0; j < inputs; j++) {
                xFinite &= Float.isFinite(x[i * inputs + j]);
            }
            if (!xFinite || !Float.isFinite(y[i])) {
                v.add(new Violation(xFinite ? "y" : "x", "sample " + i + " is not finite"));
                break;
            }
        }
        return v;
    }
}

package io.weights2eq.domain.equation;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks every consumer of an equation's samples applies before using them: x and y of one length, no more
 * samples than the consumer's declared limit, every value finite. Each violation names the field and the limit.
 */
public final class SampleChecks {
    private SampleChecks() {}

    /**
     * @param maxSamples the consumer's limit on the number of samples (its setting is named in the message)
     * @param setting    the configuration key of that limit, for the message
     */
    public static List<Violation> check(float[] x, float[] y, int maxSamples, String setting) {
        List<Violation> v = new ArrayList<>();
        if (x.length != y.length) {
            v.add(new Violation("y", "must have as many samples as x (" + x.length + "), was " + y.length));
        }
        int count = Math.max(x.length, y.length);
        if (count > maxSamples) {
            v.add(new Violation(
                    x.length >= y.length ? "x" : "y",
                    "at most " + maxSamples + " samples (" + setting + "), was " + count));
        }
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!Float.isFinite(x[i]) || !Float.isFinite(y[i])) {
                v.add(new Violation(Float.isFinite(x[i]) ? "y" : "x", "sample " + i + " is not finite"));
                break;
            }
        }
        return v;
    }
}

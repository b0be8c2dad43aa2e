package io.weights2eq.training.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Comparing trained parameters of two backends. */
final class Parameters {
    /**
     * Tolerance of float32 backends against each other over the first 20 Adam steps:
     * |a − b| ≤ ABS + REL·|b|. One Adam step moves a parameter by up to about lr = 1e-2; float32
     * rounding (sums over 500 samples in another order, another tanh) moved parameters by at most
     * 7.8e-7 after 20 steps (DJL against the kernel and against a double-precision reference, relu,
     * tanh, sigmoid, softplus, 32 networks). ABS = 1e-5 is 13× that and a thousandth of one step, so a
     * wrong sample, order, bias correction or layout (≥ 1e-4 after 5 steps, checked by the tests) fails.
     */
    static final double ABS = 1e-5;

    static final double REL = 1e-4;

    private Parameters() {}

    /** The largest |a − b| / (ABS + REL·|b|) over all parameters: at most 1 means within tolerance. */
    static double worstRatio(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size(), "networks");
        double worst = 0;
        for (int n = 0; n < expected.size(); n++) {
            float[] e = expected.get(n);
            float[] a = actual.get(n);
            assertEquals(e.length, a.length, "parameters of network " + n);
            for (int i = 0; i < e.length; i++) {
                if (!Float.isFinite(a[i])) {
                    fail("network " + n + " parameter " + i + " is " + a[i]);
                }
                worst = Math.max(worst, Math.abs(e[i] - a[i]) / (ABS + REL * Math.abs(e[i])));
            }
        }
        return worst;
    }

    static double maxAbs(List<float[]> expected, List<float[]> actual) {
        double worst = 0;
        for (int n = 0; n < expected.size(); n++) {
            for (int i = 0; i < expected.get(n).length; i++) {
                worst = Math.max(worst, Math.abs(expected.get(n)[i] - actual.get(n)[i]));
            }
        }
        return worst;
    }

    static void assertClose(List<float[]> expected, List<float[]> actual, String what) {
        double ratio = worstRatio(expected, actual);
        if (ratio > 1) {
            fail(what + ": parameters differ by up to " + maxAbs(expected, actual) + " (" + ratio + "× the tolerance "
                    + ABS + " + " + REL + "·|p|)");
        }
    }
}

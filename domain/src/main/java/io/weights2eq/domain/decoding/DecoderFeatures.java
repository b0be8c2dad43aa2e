package io.weights2eq.domain.decoding;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.CanonicalForm;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;

/**
 * The one definition of what the learned decoder reads of a network, in this order:
 * <ol>
 *   <li>a <em>probe channel</em>: the network's own outputs at {@code probes} evenly spaced x in [-1, 1]
 *       (both ends included), divided by {@link #PROBE_SCALE}; any architecture has it;</li>
 *   <li>the {@value #PARAMETERS} parameters of the {@link CanonicalForm} of a 1-8-7-8-1 network, in the
 *       {@link NetworkLayout} order, each squashed by asinh so that a rare large weight does not dominate; zeros for
 *       any other architecture;</li>
 *   <li>a one-hot of the hidden {@link Activation} ({@value #ACTIVATIONS} entries);</li>
 *   <li>1 when the architecture is 1-8-7-8-1 (so the parameters are present), else 0.</li>
 * </ol>
 * The probe channel is this project's addition to seed 000 (which read the weights alone, without biases): a
 * network's parameters are far from its function (symmetries, rescalings, dead neurons), its outputs are not.
 */
public final class DecoderFeatures {

    public static final int DEFAULT_PROBES = 32;
    public static final double PROBE_SCALE = 5.0;
    public static final int PARAMETERS = 152;
    public static final int ACTIVATIONS = 4;

    private DecoderFeatures() {}

    public static int size(int probes) {
        return probes + PARAMETERS + ACTIVATIONS + 1;
    }

    /** The x of probe {@code k} of {@code probes}. */
    public static double probeX(int k, int probes) {
        return -1.0 + 2.0 * k / (probes - 1);
    }

    public static float[] of(Network network, int probes) {
        float[] f = new float[size(probes)];
        for (int k = 0; k < probes; k++) {
            double y = network.evaluate(probeX(k, probes)) / PROBE_SCALE;
            f[k] = (float) (Double.isFinite(y) ? Math.max(-1e3, Math.min(1e3, y)) : 0);
        }
        int at = probes;
        if (network.layout().equals(NetworkLayout.DEFAULT)) {
            float[] p = CanonicalForm.of(network).parameters();
            for (int i = 0; i < PARAMETERS; i++) {
                f[at + i] = (float) asinh(p[i]);
            }
        }
        at += PARAMETERS;
        f[at + network.activation().ordinal()] = 1f;
        at += ACTIVATIONS;
        f[at] = network.layout().equals(NetworkLayout.DEFAULT) ? 1f : 0f;
        return f;
    }

    /**
     * asinh, odd by construction: the textbook log(v + √(v²+1)) cancels to log(0) for large negative v. An
     * infinite value (a ReLU canonical form whose rescaled weight overflowed float) reads as the largest float.
     */
    static double asinh(double v) {
        double a = Math.min(Math.abs(v), Float.MAX_VALUE);
        double r = a > 1e8 ? Math.log(2 * a) : Math.log(a + Math.sqrt(a * a + 1));
        return Double.isNaN(v) ? 0 : Math.copySign(r, v);
    }
}

package io.weights2eq.domain.admissible;

import java.math.BigDecimal;

/**
 * Seed 001's score. For a terminating decimal x: p(x) is the smallest integer p ≥ 0 with 10^-p·|x| < 1 (the digits
 * before the point), q(x) the smallest integer q ≥ 0 with 10^q·x whole (the digits after it); precision = p + q.
 * 1.001 → 4, 0 → 0, 0.1 → 1, 10 → 2, 60 → 2, -6e5 → 6. A network's score is the sum over every weight and bias;
 * a weight absent from a neuron's sparse map is not a parameter and costs nothing.
 */
public final class Precision {

    private Precision() {}

    public static int of(BigDecimal x) {
        if (x.signum() == 0) {
            return 0;
        }
        BigDecimal v = x.stripTrailingZeros(); // v = unscaled · 10^-scale, the unscaled value without trailing 0s
        int q = Math.max(0, v.scale());
        // |v| < 1 needs no digit before the point; otherwise the integer part has precision − scale digits
        int p = v.abs().compareTo(BigDecimal.ONE) < 0 ? 0 : v.precision() - v.scale();
        return p + q;
    }

    public static int of(ExactDecimal x) {
        return of(x.value());
    }

    /** The sum of the precisions of all weights and biases. */
    public static long score(AdmissibleNetwork network) {
        long score = 0;
        for (AdmissibleNeuron neuron : network.neurons()) {
            score += of(neuron.bias());
            for (ExactDecimal w : neuron.weights().values()) {
                score += of(w);
            }
        }
        return score;
    }
}

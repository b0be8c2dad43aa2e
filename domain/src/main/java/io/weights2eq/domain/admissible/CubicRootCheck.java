package io.weights2eq.domain.admissible;

import io.weights2eq.domain.equation.roots.SeedCubics;
import java.math.BigDecimal;
import java.util.List;

/**
 * A network checked against seed 001's challenge on every one of its 9,261 inputs: the worst input, its output and
 * error, how many miss the tolerance (|output − largest root| &lt; 0.1, strictly), the score and the neuron count.
 * In double always; exactly too ({@link ExactEvaluator}) when the network is identity and relu only.
 */
public record CubicRootCheck(
        SeedCubics.Entry worst,
        double worstOutput,
        double worstError,
        int failures,
        boolean exact,
        long score,
        int neurons) {

    public static final double TOLERANCE = 0.1;

    public boolean passes() {
        return failures == 0;
    }

    /** Checks {@code network} (3 inputs, 1 output) on all of {@link SeedCubics#all()}. */
    public static CubicRootCheck of(AdmissibleNetwork network) {
        return of(network, SeedCubics.all());
    }

    static CubicRootCheck of(AdmissibleNetwork network, List<SeedCubics.Entry> cubics) {
        if (network.inputs() != 3 || network.outputs().size() != 1) {
            throw new IllegalArgumentException("the challenge takes 3 inputs (a, b, c) and 1 output, the network has "
                    + network.inputs() + " inputs and " + network.outputs().size() + " outputs");
        }
        boolean exact = network.neurons().stream().allMatch(n -> n.activation().isExact());
        DoubleEvaluator fast = new DoubleEvaluator(network);
        ExactEvaluator slow = exact ? new ExactEvaluator(network) : null;
        SeedCubics.Entry worst = null;
        double worstOutput = Double.NaN;
        double worstError = -1;
        int failures = 0;
        for (SeedCubics.Entry e : cubics) {
            double output = fast.evaluate(e.a(), e.b(), e.c())[0];
            double error = Math.abs(output - e.root().value());
            if (slow != null) {
                BigDecimal out = slow.evaluate(
                                BigDecimal.valueOf(e.a()), BigDecimal.valueOf(e.b()), BigDecimal.valueOf(e.c()))[0];
                // the larger of the two errors counts: a construction must be right in both arithmetics
                error = Math.max(
                        error,
                        out.subtract(new BigDecimal(e.root().value())).abs().doubleValue());
            }
            if (!(error < TOLERANCE)) {
                failures++;
            }
            if (!(error <= worstError)) {
                worst = e;
                worstOutput = output;
                worstError = error;
            }
        }
        return new CubicRootCheck(
                worst,
                worstOutput,
                worstError,
                failures,
                exact,
                Precision.score(network),
                network.neurons().size());
    }
}

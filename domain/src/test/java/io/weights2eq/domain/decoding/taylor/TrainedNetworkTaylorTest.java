package io.weights2eq.domain.decoding.taylor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingFixtures;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.CpuBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * nn2poly's finding reproduced with the project's trainer: 1-8-7-8-1 networks trained 1000 steps on 8
 * quadratics (|coefficients| ≤ 0.7, x in [-1, 1]); Taylor order q, degree d, centre 0; max |Taylor − network|
 * and R² (network as truth) on 201 points of [-1, 1]. Measured (training is deterministic):
 *
 * <pre>
 * tanh  constraint  max|z|      d=2,q=15 R²     d=5,q=15 R²         d=5,q=30 R²         d=5,q=15 max err
 *       L1          ≤ 1.00      0.899–0.995     0.9972–0.9999       same                0.013–0.050
 *       L2          1.41–1.91   0.918–0.999     −1.05–0.998         0.925–0.9997        0.025–0.83
 *       NONE        1.78–2.42   −123–0.9996     −14140–0.993        −330849–0.9995      0.069–88
 * </pre>
 *
 * L1 bounds every pre-activation by 1 (inputs and tanh outputs lie in [-1, 1]), inside tanh's radius π/2: the
 * series converges (q = 15 and 30 agree) and the degree-5 polynomial tracks the network; the degree-2 one
 * misses the network's x³.. terms (R² ≥ 0.90), and its coefficients are the network's Taylor coefficients at
 * 0, up to 0.16 from the quadratic it was trained on. L2 only bounds |z| by √(8+1) = 3: 4 of 8 networks pass
 * π/2 and need q = 30. Without a constraint 6 of 8 expansions have R² &lt; 0 at d = 5, q = 15 (5 at q = 30);
 * the 3 with |z(0)| ≥ 1.42 get worse as q grows (R² −2·10⁷ at q = 60), the others recover slowly.
 * Sigmoid and softplus (radius π): L1 → R² ≥ 0.9999 at d = 5 (though under L1 these networks fit the
 * quadratics poorly, relative MSE 0.02–1.0); NONE → max |z| up to 10.5 and 9.2, 8 and 4 of 8 expansions
 * with R² &lt; 0 at d = 5, q = 15; sigmoid's errors reach 1e259 and NaN.
 */
class TrainedNetworkTaylorTest {
    private static final List<DoubleUnaryOperator> QUADRATICS = List.of(
            x -> 0.5 * x * x - 0.3 * x + 0.2,
            x -> -0.4 * x * x + 0.2 * x + 0.1,
            x -> 0.3 * x * x + 0.5 * x - 0.2,
            x -> 0.6 * x * x - 0.1,
            x -> -0.2 * x * x - 0.4 * x + 0.3,
            x -> 0.25 * x * x + 0.25 * x,
            x -> 0.7 * x * x - 0.5 * x,
            x -> -0.5 * x * x + 0.3);
    private static final double HALF_PI = Math.PI / 2;

    static List<Network> train(Activation activation, NormConstraint constraint) {
        List<TrainingTask> tasks = new ArrayList<>();
        for (int i = 0; i < QUADRATICS.size(); i++) {
            tasks.add(TrainingFixtures.function("q" + i, QUADRATICS.get(i), 1200, 1));
        }
        TrainingConfig config = TrainingConfig.defaults()
                .withActivation(activation)
                .withSteps(1000)
                .withSamples(1000, 200, 200)
                .withQualityGate(1e-2, 0)
                .withNormConstraint(constraint);
        try (TrainingBackend backend = CpuBackends.best(2)) {
            return new NetworkTrainer(backend, config)
                    .train(tasks).stream().map(TrainedNetwork::network).toList();
        }
    }

    /** 1 − SSE/SST of the expansion against the network on 201 points of [-1, 1]. */
    static double r2(Network network, int degree, int order) {
        double[] c = TaylorExpansion.coefficients(network, degree, order, 0);
        double[] y = new double[201];
        double mean = 0;
        for (int g = 0; g < y.length; g++) {
            y[g] = network.evaluate(-1 + g / 100.0);
            mean += y[g] / y.length;
        }
        double sse = 0;
        double sst = 0;
        for (int g = 0; g < y.length; g++) {
            double e = TaylorExpansionTest.evaluate(c, -1 + g / 100.0) - y[g];
            sse += e * e;
            sst += (y[g] - mean) * (y[g] - mean);
        }
        double r2 = 1 - sse / sst;
        return Double.isNaN(r2) ? Double.NEGATIVE_INFINITY : r2;
    }

    /** Largest |pre-activation| of any hidden neuron for x in [-1, 1]. */
    static double maxPreActivation(Network network) {
        NetworkLayout layout = network.layout();
        float[] p = network.parameters();
        double max = 0;
        for (int g = 0; g <= 200; g++) {
            double[] current = {-1 + g / 100.0};
            for (int k = 0; k < layout.linearLayers() - 1; k++) {
                double[] next = new double[layout.size(k + 1)];
                for (int o = 0; o < next.length; o++) {
                    double z = p[layout.biasIndex(k, o)];
                    for (int i = 0; i < current.length; i++) {
                        z += p[layout.weightIndex(k, o, i)] * current[i];
                    }
                    max = Math.max(max, Math.abs(z));
                    next[o] = network.activation().apply(z);
                }
                current = next;
            }
        }
        return max;
    }

    @Test
    void l1KeepsTanhInsideItsRadiusAndTheExpansionTracksTheNetwork() {
        List<Network> networks = train(Activation.TANH, NormConstraint.L1);
        for (int i = 0; i < networks.size(); i++) {
            Network net = networks.get(i);
            double z = maxPreActivation(net);
            double r2 = r2(net, 5, 15);
            double maxError = TaylorExpansionTest.maxError(net, TaylorExpansion.coefficients(net, 5, 15, 0));
            String where = "q" + i + ": max|z| " + z + ", R² " + r2 + ", max error " + maxError;
            assertTrue(z <= 1 + 1e-5, where);
            assertTrue(r2 > 0.99 && maxError < 0.1, where);
            assertTrue(Math.abs(r2 - r2(net, 5, 30)) < 1e-3, where); // converged in q
            assertTrue(r2(net, 2, 15) > 0.85, where); // degree truncation only
        }
    }

    @Test
    void l2LeavesSomeTanhPreActivationsBeyondHalfPiAndNeedsAHigherOrder() {
        List<Network> networks = train(Activation.TANH, NormConstraint.L2);
        int beyond = 0;
        for (int i = 0; i < networks.size(); i++) {
            Network net = networks.get(i);
            double z = maxPreActivation(net);
            beyond += z > HALF_PI ? 1 : 0;
            double r2 = r2(net, 5, 30);
            assertTrue(z <= 3 + 1e-5 && r2 > 0.9, "q" + i + ": max|z| " + z + ", R² " + r2);
        }
        assertTrue(beyond >= 1, beyond + " networks beyond π/2");
    }

    @Test
    void withoutAConstraintTheTanhExpansionBreaksDown() {
        List<Network> networks = train(Activation.TANH, NormConstraint.NONE);
        int diverged = 0;
        double worst = 0;
        for (int i = 0; i < networks.size(); i++) {
            Network net = networks.get(i);
            assertTrue(maxPreActivation(net) > HALF_PI, "q" + i + ": max|z| " + maxPreActivation(net));
            diverged += r2(net, 5, 15) < 0 && r2(net, 5, 30) < 0 ? 1 : 0;
            worst = Math.max(worst, TaylorExpansionTest.maxError(net, TaylorExpansion.coefficients(net, 5, 30, 0)));
        }
        assertTrue(diverged >= 3, diverged + " of 8 diverged");
        assertTrue(worst > 10, "worst max error " + worst);
    }

    /** Sigmoid and softplus (radius π): tracked under L1, diverging without a constraint. */
    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"SIGMOID", "SOFTPLUS"})
    void sigmoidAndSoftplusFollowTheSamePattern(Activation activation) {
        for (Network net : train(activation, NormConstraint.L1)) {
            double r2 = r2(net, 5, 15);
            assertTrue(r2 > 0.999, activation + " L1: R² " + r2);
        }
        int diverged = 0;
        for (Network net : train(activation, NormConstraint.NONE)) {
            diverged += r2(net, 5, 15) < 0 ? 1 : 0;
        }
        assertTrue(diverged >= 2, activation + ": " + diverged + " of 8 diverged");
    }
}

package io.weights2eq.domain.training.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.LearningRateSchedule;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.ParameterInitializer;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scalar backend's gradient of the minibatch loss equals a central finite difference computed in double, for one
 * input and for two (x sample-major).
 */
class GradientCheckTest {
    static final List<NetworkLayout> LAYOUTS = List.of(new NetworkLayout(1, 4, 3, 1), new NetworkLayout(2, 4, 3, 1));

    /** mean_j (ŷ(x_j) − y_j)² over the samples in indices, all in double with the textbook activations. */
    static double loss(NetworkLayout layout, double[] p, Activation activation, float[] x, float[] y, int[] indices) {
        double sum = 0;
        int inputs = layout.inputSize();
        for (int j : indices) {
            double[] a = new double[inputs];
            for (int i = 0; i < inputs; i++) {
                a[i] = x[j * inputs + i];
            }
            for (int k = 0; k < layout.linearLayers(); k++) {
                double[] next = new double[layout.size(k + 1)];
                for (int o = 0; o < next.length; o++) {
                    double z = p[layout.biasIndex(k, o)];
                    for (int i = 0; i < a.length; i++) {
                        z += p[layout.weightIndex(k, o, i)] * a[i];
                    }
                    next[o] = k < layout.linearLayers() - 1 ? activation.apply(z) : z;
                }
                a = next;
            }
            double e = a[0] - y[j];
            sum += e * e;
        }
        return sum / indices.length;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientMatchesFiniteDifferences(Activation activation) {
        for (NetworkLayout layout : LAYOUTS) {
            check(layout, activation);
        }
    }

    private static void check(NetworkLayout layout, Activation activation) {
        TrainingConfig config = new TrainingConfig(
                layout,
                activation,
                1,
                7,
                1e-2,
                LearningRateSchedule.CONSTANT,
                0.9,
                0.999,
                1e-8,
                20,
                1,
                1e-3,
                0,
                NormConstraint.NONE);
        DeterministicRandom rnd = DeterministicRandom.forEquation(17, activation.ordinal());
        int inputs = layout.inputSize();
        float[] x = new float[20 * inputs];
        float[] y = new float[20];
        for (int i = 0; i < y.length; i++) {
            double sum = 0;
            for (int j = 0; j < inputs; j++) {
                x[i * inputs + j] = (float) (2 * rnd.nextDouble() - 1);
                sum += (j + 1) * x[i * inputs + j];
            }
            y[i] = (float) (Math.sin(3 * sum) + 0.5);
        }
        int[] indices = {3, 17, 0, 9, 12, 5, 11};
        float[] p = ParameterInitializer.initialise(layout, 42, 0);
        float[] g = ScalarBackend.gradient(config, p, x, y, indices, 0, indices.length);

        double h = activation == Activation.RELU ? 1e-5 : 1e-4;
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = p[i];
        }
        double worst = 0;
        for (int i = 0; i < p.length; i++) {
            double keep = q[i];
            q[i] = keep + h;
            double up = loss(layout, q, activation, x, y, indices);
            q[i] = keep - h;
            double down = loss(layout, q, activation, x, y, indices);
            q[i] = keep;
            double fd = (up - down) / (2 * h);
            double error = Math.abs(g[i] - fd) / (Math.abs(fd) + 1e-3);
            worst = Math.max(worst, error);
            assertTrue(
                    error < 2e-3,
                    layout + " " + activation + " parameter " + i + ": kernel " + g[i] + ", finite difference " + fd);
        }
        assertTrue(worst > 0, "the two computations cannot agree to the last bit");
    }
}

package io.weights2eq.domain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import org.junit.jupiter.api.Test;

/** The parameter order is PyTorch's nn.Linear one: all weight matrices (out × in, row-major) layer by layer, then all biases. */
class ParameterLayoutTest {

    @Test
    void aHandBuiltNetworkEvaluatesLikeTheHandComputation() {
        NetworkLayout layout = new NetworkLayout(1, 2, 2, 1);
        float[] p = {
            // W0 (2 × 1)
            0.5f,
            -1.5f,
            // W1 (2 × 2) row-major: [[w00, w01], [w10, w11]]
            1f,
            2f,
            -3f,
            0.25f,
            // W2 (1 × 2)
            2f,
            -1f,
            // b0, b1, b2
            0.1f,
            0.2f,
            -0.5f,
            1f,
            0.75f
        };
        assertEquals(p.length, layout.parameterCount());
        assertEquals(1, layout.weightIndex(0, 1, 0));
        assertEquals(3, layout.weightIndex(1, 0, 1));
        assertEquals(4, layout.weightIndex(1, 1, 0));
        assertEquals(10, layout.biasIndex(1, 0));
        double x = 0.8;
        for (Activation activation : Activation.values()) {
            double h00 = activation.apply(0.5 * x + 0.1);
            double h01 = activation.apply(-1.5 * x + 0.2);
            double h10 = activation.apply(1 * h00 + 2 * h01 - 0.5);
            double h11 = activation.apply(-3 * h00 + 0.25 * h01 + 1);
            double y = 2 * h10 - 1 * h11 + 0.75;
            assertEquals(y, new Network(layout, activation, p).evaluate(x), 1e-6, activation.label());
        }
        // relu by hand: h0 = [0.5, 0], h1 = [0, 0], y = 0.75
        assertEquals(0.75, new Network(layout, Activation.RELU, p).evaluate(0.8), 1e-6);
    }

    @Test
    void theDefaultLayoutHas152Parameters() {
        NetworkLayout d = NetworkLayout.DEFAULT;
        assertEquals(128, d.weightCount());
        assertEquals(152, d.parameterCount());
        assertEquals(8, d.weightOffset(1));
        assertEquals(64, d.weightOffset(2));
        assertEquals(120, d.weightOffset(3));
        assertEquals(128, d.biasOffset(0));
        assertEquals(151, d.biasIndex(3, 0));
    }
}

package io.weights2eq.domain.admissible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkLayout;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LayeredConversionTest {

    static Network random(NetworkLayout layout, Activation activation, long seed) {
        DeterministicRandom random = DeterministicRandom.ofSeed(seed);
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((random.nextDouble() - 0.5) * 3);
        }
        return new Network(layout, activation, p);
    }

    @Test
    void theConvertedNetworkIsTheLayeredOneWithinFloatRoundingForEveryActivation() {
        NetworkLayout[] layouts = {
            NetworkLayout.DEFAULT, new NetworkLayout(1, 16, 1), new NetworkLayout(1, 5, 5, 5, 5, 1)
        };
        for (Activation activation : Activation.values()) {
            for (int l = 0; l < layouts.length; l++) {
                for (int seed = 0; seed < 5; seed++) {
                    Network layered = random(layouts[l], activation, 100 * l + seed);
                    AdmissibleNetwork converted = LayeredConversion.convert(layered);
                    assertEquals(
                            layouts[l].parameterCount(),
                            converted.neurons().stream()
                                    .mapToInt(n -> n.weights().size() + 1)
                                    .sum());
                    DoubleEvaluator e = new DoubleEvaluator(converted);
                    double worst = 0;
                    for (int i = 0; i <= 4_000; i++) {
                        double x = -1 + i / 2_000.0;
                        double expected = layered.evaluate(x);
                        double actual = e.evaluate(x)[0];
                        // the decimals differ from the floats by < 2^-24 relative; the sums amplify that a little
                        worst = Math.max(worst, Math.abs(expected - actual) / Math.max(1, Math.abs(expected)));
                    }
                    assertTrue(worst < 1e-6, activation + " " + layouts[l] + " seed " + seed + ": " + worst);
                }
            }
        }
    }

    /** Node 1 is x1 and node 2 is x2: column j of the first matrix reads node j + 1. */
    @Test
    void aTwoInputNetworkConvertsWithItsTwoInputNodes() {
        NetworkLayout layout = new NetworkLayout(2, 8, 7, 8, 1);
        for (Activation activation : Activation.values()) {
            Network layered = random(layout, activation, 7);
            AdmissibleNetwork converted = LayeredConversion.convert(layered);
            assertEquals(2, converted.inputs());
            DoubleEvaluator e = new DoubleEvaluator(converted);
            double worst = 0;
            for (double x1 = -1; x1 <= 1; x1 += 0.125) {
                for (double x2 = -1; x2 <= 1; x2 += 0.125) {
                    double expected = layered.evaluate(x1, x2);
                    worst = Math.max(
                            worst, Math.abs(expected - e.evaluate(x1, x2)[0]) / Math.max(1, Math.abs(expected)));
                }
            }
            assertTrue(worst < 1e-6, activation + ": " + worst);
            assertTrue(
                    Math.abs(layered.evaluate(0.5, -0.25) - layered.evaluate(-0.25, 0.5)) > 1e-6,
                    "the inputs are not interchangeable, so the test would see them swapped");
        }
    }

    @Test
    void eachParameterIsTheShortestDecimalOfItsFloat() {
        Network layered = random(NetworkLayout.DEFAULT, Activation.RELU, 3);
        AdmissibleNetwork converted = LayeredConversion.convert(layered);
        float[] p = layered.parameters();
        NetworkLayout layout = layered.layout();
        // first hidden layer: node 2.. reads node 1
        for (int o = 0; o < 8; o++) {
            AdmissibleNeuron n = converted.neurons().get(o);
            assertEquals(
                    p[layout.weightIndex(0, o, 0)],
                    Float.parseFloat(n.weights().get(1).text()));
            assertEquals(
                    new BigDecimal(Float.toString(p[layout.weightIndex(0, o, 0)]))
                            .compareTo(n.weights().get(1).value()),
                    0);
            assertEquals(p[layout.biasIndex(0, o)], n.bias().value().floatValue());
        }
        assertEquals(java.util.List.of(1 + 8 + 7 + 8 + 1), converted.outputs());
        assertEquals(AdmissibleActivation.IDENTITY, converted.neurons().get(23).activation());
        assertEquals("0.1", LayeredConversion.decimal(0.1f).toString());
        assertEquals(0, new BigDecimal("1.0E-5").compareTo(LayeredConversion.decimal(1e-5f)));
    }

    @Test
    void tanhBecomesSigmoidsExactly() {
        // 1-1-1 tanh: y = 3·tanh(0.5x + 0.25) + 1 → σ-neuron reads 1.0x + 0.5, output 6σ + (1 − 3)
        Network layered = NetworkFile.parse("{\"id\": \"t\", \"layers\": [1, 1, 1], \"activation\": \"tanh\", "
                        + "\"weights\": [[[0.5]], [[3.0]]], \"biases\": [[0.25], [1.0]]}")
                .network();
        AdmissibleNetwork converted = LayeredConversion.convert(layered);
        AdmissibleNeuron h = converted.neurons().get(0);
        assertEquals(AdmissibleActivation.SIGMOID, h.activation());
        assertEquals(0, BigDecimal.ONE.compareTo(h.weights().get(1).value()));
        assertEquals(0, new BigDecimal("0.5").compareTo(h.bias().value()));
        AdmissibleNeuron y = converted.neurons().get(1);
        assertEquals(0, new BigDecimal("6").compareTo(y.weights().get(2).value()));
        assertEquals(0, new BigDecimal("-2").compareTo(y.bias().value()));
        assertEquals(3 * Math.tanh(0.5 * 0.3 + 0.25) + 1, new DoubleEvaluator(converted).evaluate(0.3)[0], 1e-15);
    }
}

package io.weights2eq.domain.admissible;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ReluScalingTest {

    @Test
    void eachHiddenReluNeuronsLargestParameterBecomesOneAndTheFunctionStays() {
        for (int seed = 0; seed < 5; seed++) {
            AdmissibleNetwork n = LayeredConversion.convert(
                    LayeredConversionTest.random(NetworkLayout.DEFAULT, Activation.RELU, seed));
            AdmissibleNetwork scaled = ReluScaling.normalise(n);
            for (int i = 0; i < 23; i++) { // the hidden neurons; 23 is the identity output
                AdmissibleNeuron neuron = scaled.neurons().get(i);
                BigDecimal largest = neuron.bias().value().abs();
                for (ExactDecimal w : neuron.weights().values()) {
                    largest = largest.max(w.value().abs());
                }
                assertEquals(0, BigDecimal.ONE.compareTo(largest), "neuron " + i);
            }
            double[] x = ParameterRounding.unitGrid(4_001);
            assertEquals(0, ParameterRounding.worstDeviation(n, scaled, x)[0], 1e-12);
            assertEquals(n.neurons().get(23).bias(), scaled.neurons().get(23).bias()); // the output is not scaled
        }
    }

    @Test
    void otherActivationsAndOutputsAreLeftAlone() {
        AdmissibleNetwork sigmoid =
                LayeredConversion.convert(LayeredConversionTest.random(NetworkLayout.DEFAULT, Activation.SIGMOID, 1));
        assertEquals(AdmissibleFile.format(sigmoid), AdmissibleFile.format(ReluScaling.normalise(sigmoid)));
        AdmissibleNetwork reluOutput = AdmissibleFile.parse("""
                {"format": "admissible", "inputs": 1, "neurons": [
                 {"weights": {"1": "3"}, "bias": "0.5", "activation": "relu"}], "outputs": [2]}""");
        assertEquals(reluOutput, ReluScaling.normalise(reluOutput));
    }
}

package io.weights2eq.domain.admissible;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.math.BigDecimal;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A layered network of the project ({@link Network}, any layout) as an admissible network with the same function.
 * Node 1 is x, then the hidden layers' neurons layer by layer, then the linear output layer as identity neurons;
 * every weight is kept, a zero too (it is written "0" and costs nothing).
 *
 * <p>Each float parameter becomes the shortest decimal that reads back as the same float ({@link Float#toString},
 * written in plain form). relu, sigmoid and softplus are the seed's own. tanh is not, so it is rewritten exactly with
 * tanh(t) = 2·sigmoid(2t) − 1: a tanh layer's weights and bias are doubled and its neurons are sigmoids, and the
 * affine 2h − 1 is folded into the next layer (its weights doubled, the sum of them subtracted from its bias), all
 * in exact decimal arithmetic.
 */
public final class LayeredConversion {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private LayeredConversion() {}

    /** The shortest decimal that reads back as {@code f}; the same value written in plain form. */
    public static BigDecimal decimal(float f) {
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException("parameters must be finite, was " + f);
        }
        return new BigDecimal(Float.toString(f));
    }

    public static AdmissibleNetwork convert(Network network) {
        NetworkLayout layout = network.layout();
        float[] p = network.parameters();
        boolean tanh = network.activation() == Activation.TANH;
        AdmissibleActivation hidden = switch (network.activation()) {
            case RELU -> AdmissibleActivation.RELU;
            case SIGMOID, TANH -> AdmissibleActivation.SIGMOID;
            case SOFTPLUS -> AdmissibleActivation.SOFTPLUS;
        };
        AdmissibleNetwork.Builder builder = AdmissibleNetwork.builder(layout.inputSize());
        int firstIn = 1; // node number of the current layer's first input
        int layers = layout.linearLayers();
        for (int k = 0; k < layers; k++) {
            boolean output = k == layers - 1;
            boolean inputsAreTanh = tanh && k > 0; // the layer before was tanh written as sigmoid: h = 2σ − 1
            boolean thisIsTanh = tanh && !output;
            int firstOut = builder.nextNode();
            for (int o = 0; o < layout.size(k + 1); o++) {
                BigDecimal bias = decimal(p[layout.biasIndex(k, o)]);
                SortedMap<Integer, BigDecimal> weights = new TreeMap<>();
                for (int i = 0; i < layout.size(k); i++) {
                    BigDecimal w = decimal(p[layout.weightIndex(k, o, i)]);
                    if (inputsAreTanh) { // w·(2σ − 1) = 2w·σ − w
                        bias = bias.subtract(w);
                        w = w.multiply(TWO);
                    }
                    weights.put(firstIn + i, w);
                }
                if (thisIsTanh) { // tanh(z) = 2σ(2z) − 1: the neuron computes σ(2z)
                    weights.replaceAll((node, w) -> w.multiply(TWO));
                    bias = bias.multiply(TWO);
                }
                builder.add(weights, bias, output ? AdmissibleActivation.IDENTITY : hidden);
            }
            firstIn = firstOut;
        }
        for (int o = 0; o < layout.outputSize(); o++) {
            builder.output(firstIn + o);
        }
        return builder.build();
    }
}

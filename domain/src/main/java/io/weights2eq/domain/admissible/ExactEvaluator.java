package io.weights2eq.domain.admissible;

import io.weights2eq.domain.network.InvalidFieldException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Exact evaluation in {@code BigDecimal} for networks whose activations are identity and relu only (sums, products
 * and max(t, 0) of terminating decimals stay terminating decimals). What a test uses to prove a construction exact;
 * slow, so not for scoring.
 */
public final class ExactEvaluator {

    private final AdmissibleNetwork network;

    /** @throws InvalidFieldException naming the first neuron whose activation is not identity or relu */
    public ExactEvaluator(AdmissibleNetwork network) {
        List<AdmissibleNeuron> neurons = network.neurons();
        for (int i = 0; i < neurons.size(); i++) {
            AdmissibleActivation a = neurons.get(i).activation();
            if (!a.isExact()) {
                String field = AdmissibleNetwork.neuronName(network.inputs(), i) + ".activation";
                throw new InvalidFieldException(
                        field,
                        field + " is " + a.label() + ": exact evaluation takes identity and relu only (" + a.label()
                                + " of a decimal is not a terminating decimal)");
            }
        }
        this.network = network;
    }

    /** The outputs at one input vector, exactly. */
    public BigDecimal[] evaluate(BigDecimal... x) {
        if (x.length != network.inputs()) {
            throw new IllegalArgumentException("x: the network has " + network.inputs() + " inputs, was " + x.length);
        }
        BigDecimal[] node = new BigDecimal[network.nodeCount()];
        System.arraycopy(x, 0, node, 0, x.length);
        int at = x.length;
        for (AdmissibleNeuron neuron : network.neurons()) {
            BigDecimal z = neuron.bias().value();
            for (Map.Entry<Integer, ExactDecimal> w : neuron.weights().entrySet()) {
                z = z.add(w.getValue().value().multiply(node[w.getKey() - 1]));
            }
            node[at++] = neuron.activation() == AdmissibleActivation.RELU && z.signum() < 0 ? BigDecimal.ZERO : z;
        }
        List<Integer> outputs = network.outputs();
        BigDecimal[] out = new BigDecimal[outputs.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = node[outputs.get(k) - 1];
        }
        return out;
    }
}

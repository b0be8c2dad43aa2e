package io.weights2eq.domain.admissible;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One neuron, x_k = f(Σ w_j·x_j + b): sparse weights (node number → exact decimal; a node not named has weight 0
 * and costs nothing), a bias and one of the seed's activations. Which nodes it may name depends on its place in the
 * network, so {@link AdmissibleNetwork} checks that.
 */
public record AdmissibleNeuron(
        SortedMap<Integer, ExactDecimal> weights, ExactDecimal bias, AdmissibleActivation activation) {

    public AdmissibleNeuron {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(activation, "activation");
        weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
        weights.forEach((node, w) -> Objects.requireNonNull(w, "weights." + node));
    }

    /** A neuron from computed values (a construction's API); each value is written as its plain text. */
    public static AdmissibleNeuron of(
            Map<Integer, BigDecimal> weights, BigDecimal bias, AdmissibleActivation activation) {
        SortedMap<Integer, ExactDecimal> exact = new TreeMap<>();
        weights.forEach((node, w) -> exact.put(node, ExactDecimal.of(w)));
        return new AdmissibleNeuron(exact, ExactDecimal.of(bias), activation);
    }
}

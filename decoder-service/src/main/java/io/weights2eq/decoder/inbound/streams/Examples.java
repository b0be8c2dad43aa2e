package io.weights2eq.decoder.inbound.streams;

import io.weights2eq.decoder.inbound.AvroMapping;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.Network;

/** A network and its (slim) equation → an {@code examples} record. */
final class Examples {
    private Examples() {
    }

    static Example of(Network network, Equation equation) {
        Polynomial target = Polynomial.parse(String.valueOf(equation.getCanonicalText()));
        return Example.newBuilder()
                .setEquationId(network.getEquationId())
                .setNetwork(network.getNetwork())
                .setRelativeValidationMse(network.getRelativeValidationMse())
                .setConverged(network.getConverged())
                .setFamily(equation.getFamily())
                .setCoefficients(equation.getCoefficients())
                .setCanonicalText(equation.getCanonicalText())
                .setTokenIds(AvroMapping.targetTokens(target))
                .build();
    }
}

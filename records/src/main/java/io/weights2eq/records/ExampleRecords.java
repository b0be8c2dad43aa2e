package io.weights2eq.records;

import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.Network;
import java.util.Arrays;

/** The one mapping between an {@code examples} record (a network joined with its equation) and the domain. */
public final class ExampleRecords {
    private ExampleRecords() {}

    /** A network and its equation → the example; the target tokens are the equation's tokens then {@code <eos>}. */
    public static Example of(Network network, Equation equation) {
        Polynomial target = EquationRecords.canonicalPolynomial(equation.getCanonicalText());
        return Example.newBuilder()
                .setEquationId(network.getEquationId())
                .setNetwork(network.getNetwork())
                .setRelativeValidationMse(network.getRelativeValidationMse())
                .setConverged(network.getConverged())
                .setFamily(equation.getFamily())
                .setCoefficients(equation.getCoefficients())
                .setCanonicalText(equation.getCanonicalText())
                .setTokenIds(Arrays.stream(DecodingMetrics.targetTokens(target))
                        .boxed()
                        .toList())
                .build();
    }

    /** An example → the decoder's training example: a valid network and a canonical target polynomial. */
    public static TrainingExample toDomain(Example example, Limit maxParameters) {
        io.weights2eq.domain.network.Network network =
                NetworkRecords.toDomain(example.getNetwork(), "network", maxParameters);
        Polynomial target = EquationRecords.canonicalPolynomial(example.getCanonicalText());
        return new TrainingExample(String.valueOf(example.getEquationId()), network, target, example.getConverged());
    }
}

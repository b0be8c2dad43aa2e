package io.weights2eq.records;

import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.Network;
import java.util.Arrays;

/** The one mapping between an {@code examples} record (a network joined with its equation) and the domain. */
public final class ExampleRecords {
    private ExampleRecords() {}

    /**
     * A network and its equation → the example; the target tokens are the equation's tokens then {@code <eos>}
     * (for an elementary expression, its tokens in the expression vocabulary, v2).
     */
    public static Example of(Network network, Equation equation) {
        return Example.newBuilder()
                .setEquationId(network.getEquationId())
                .setNetwork(network.getNetwork())
                .setRelativeValidationMse(network.getRelativeValidationMse())
                .setConverged(network.getConverged())
                .setFamily(equation.getFamily())
                .setCoefficients(equation.getCoefficients())
                .setCanonicalText(equation.getCanonicalText())
                .setTokenIds(Arrays.stream(targetTokens(equation)).boxed().toList())
                .build();
    }

    private static int[] targetTokens(Equation equation) {
        if (!EquationRecords.elementary(equation.getFamily())) {
            return DecodingMetrics.targetTokens(EquationRecords.canonicalPolynomial(equation.getCanonicalText()));
        }
        int[] tokens = new int[equation.getTokenIds().size() + 1];
        for (int i = 0; i < tokens.length - 1; i++) {
            tokens[i] = equation.getTokenIds().get(i);
        }
        tokens[tokens.length - 1] = Vocabulary.EOS; // the expression vocabulary keeps the seed's ids (v1 in v2)
        return tokens;
    }

    /**
     * Whether the learned decoder can train on the example: a polynomial target. No model reads expressions yet
     * (the elementary family's examples are kept on the topic for the one that will).
     */
    public static boolean learnable(Example example) {
        return !EquationRecords.elementary(example.getFamily());
    }

    /** An example → the decoder's training example: a valid network and a canonical target polynomial. */
    public static TrainingExample toDomain(Example example, Limit maxParameters) {
        io.weights2eq.domain.network.Network network =
                NetworkRecords.toDomain(example.getNetwork(), "network", maxParameters);
        Polynomial target = EquationRecords.canonicalPolynomial(example.getCanonicalText());
        return new TrainingExample(String.valueOf(example.getEquationId()), network, target, example.getConverged());
    }
}

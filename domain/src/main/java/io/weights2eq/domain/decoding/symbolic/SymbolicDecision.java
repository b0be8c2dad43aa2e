package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.expression.ExpressionVocabulary;
import java.util.Arrays;
import java.util.List;

/** The winner, the runner-up (null when there was one candidate) and every distinct candidate weighed, ranked. */
public record SymbolicDecision(SymbolicCandidate chosen, SymbolicCandidate runnerUp, List<SymbolicCandidate> ranked) {

    /**
     * The winner in {@link DecodedEquation}'s shape: its normal-form text (so that exact match compares one canonical
     * text), no polynomial, and the text's tokens in the expression vocabulary (v2) ending with {@code <eos>}.
     */
    public DecodedEquation decoded(String method, int inputs) {
        String text = chosen.canonical(inputs).text();
        int[] body = ExpressionVocabulary.encode(text);
        int[] tokens = Arrays.copyOf(body, body.length + 1);
        tokens[body.length] = Vocabulary.EOS;
        return new DecodedEquation(text, null, tokens, method, null);
    }
}

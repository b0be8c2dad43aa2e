package io.weights2eq.domain.equation;

import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.network.InputDomain;
import java.util.Arrays;
import java.util.Objects;

/**
 * One generated equation with its training data: the polynomial, its canonical text, the text's token ids
 * ({@link Vocabulary#encode(String)}, without {@code <bos>}/{@code <eos>}), and the float32 samples
 * {@code y[i] = p(x[i])} rounded once from the exact value.
 *
 * <p>An elementary equation has an {@code expression} (its normal form) instead of a polynomial ({@code null}),
 * token ids in {@link io.weights2eq.domain.expression.ExpressionVocabulary} (v2), and samples of
 * {@code domain.inputs()} inputs, sample-major: {@code x[i*n + j]} is input j of sample i, {@code y[i]} the double
 * value rounded once to float.
 *
 * <p>The arrays belong to the caller and are not copied (the generator's hot path). {@code equals} and
 * {@code hashCode} compare their contents (floats by bits), unlike a plain record's reference comparison.
 */
public record GeneratedEquation(
        Polynomial polynomial,
        String canonicalText,
        int[] tokenIds,
        float[] x,
        float[] y,
        Expression expression,
        InputDomain domain) {

    /** A polynomial equation with one input on [-1, 1]. */
    public GeneratedEquation(Polynomial polynomial, String canonicalText, int[] tokenIds, float[] x, float[] y) {
        this(polynomial, canonicalText, tokenIds, x, y, null, InputDomain.unit(1));
    }

    /** Whether this is an expression of the elementary family rather than a polynomial. */
    public boolean elementary() {
        return expression != null;
    }

    public int inputs() {
        return domain.inputs();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedEquation other
                && Objects.equals(polynomial, other.polynomial)
                && Objects.equals(expression, other.expression)
                && domain.equals(other.domain)
                && canonicalText.equals(other.canonicalText)
                && Arrays.equals(tokenIds, other.tokenIds)
                && Arrays.equals(x, other.x)
                && Arrays.equals(y, other.y);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(polynomial, expression, domain);
        h = 31 * h + Arrays.hashCode(tokenIds);
        h = 31 * h + Arrays.hashCode(x);
        return 31 * h + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "GeneratedEquation[" + canonicalText + ", " + x.length + " samples]";
    }
}

package io.weights2eq.domain.equation;

import java.util.Arrays;

/**
 * One generated equation with its training data: the polynomial, its canonical text, the text's token ids
 * ({@link Vocabulary#encode(String)}, without {@code <bos>}/{@code <eos>}), and the float32 samples
 * {@code y[i] = p(x[i])} rounded once from the exact value.
 *
 * <p>The arrays belong to the caller and are not copied (the generator's hot path). {@code equals} and
 * {@code hashCode} compare their contents (floats by bits), unlike a plain record's reference comparison.
 */
public record GeneratedEquation(Polynomial polynomial, String canonicalText, int[] tokenIds, float[] x, float[] y) {

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedEquation other
                && polynomial.equals(other.polynomial)
                && canonicalText.equals(other.canonicalText)
                && Arrays.equals(tokenIds, other.tokenIds)
                && Arrays.equals(x, other.x)
                && Arrays.equals(y, other.y);
    }

    @Override
    public int hashCode() {
        int h = polynomial.hashCode();
        h = 31 * h + Arrays.hashCode(tokenIds);
        h = 31 * h + Arrays.hashCode(x);
        return 31 * h + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "GeneratedEquation[" + canonicalText + ", " + x.length + " samples]";
    }
}

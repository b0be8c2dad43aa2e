package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.Polynomial;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a decoder made of one network.
 *
 * @param canonicalText the decoded text (what the model emitted; for the learned decoder it may not parse)
 * @param polynomial    the parsed polynomial, or null when the text is not a valid equation
 * @param tokenIds      the emitted token ids without {@code <bos>}, ending with {@code <eos>} when one was emitted
 * @param method        which decoder: {@code learned}, …
 * @param modelVersion  the model version for learned decoders, null for analytic ones
 */
public record DecodedEquation(
        String canonicalText, Polynomial polynomial, int[] tokenIds, String method, String modelVersion) {

    /** Exact decimal coefficients by ascending power (at least 3 for a parsed polynomial), empty when unparsable. */
    public List<BigDecimal> coefficients() {
        return polynomial == null ? List.of() : polynomial.ascendingCoefficients(3);
    }

    public boolean parsed() {
        return polynomial != null;
    }
}

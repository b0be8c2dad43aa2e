package io.weights2eq.domain.decoding;

import io.weights2eq.domain.decoding.analytic.ProjectionDecoder;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.decoding.taylor.TaylorDecoder;
import java.util.Arrays;
import java.util.List;

/** The decoding methods by their wire names; {@link DecodingMethods} builds and runs them. */
public enum DecodingMethod {
    /** The serving transformer; needs a model. */
    LEARNED(LearnedDecoder.METHOD),
    /** The network's least-squares projection, rounded to the family. */
    ANALYTIC(ProjectionDecoder.METHOD),
    /** Seed 003's Taylor expansion; smooth activations only. */
    TAYLOR(TaylorDecoder.METHOD),
    /** Every candidate verified against the network; uses the model when there is one. */
    HYBRID(HybridDecoder.METHOD);

    private final String wireName;

    DecodingMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a learned model is read when there is one (learned and hybrid). */
    public boolean usesModel() {
        return this == LEARNED || this == HYBRID;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(DecodingMethod::wireName).toList();
    }

    /** @throws InvalidRequestException naming {@code method} and the valid names */
    public static DecodingMethod of(String wireName) {
        for (DecodingMethod m : values()) {
            if (m.wireName.equals(wireName)) {
                return m;
            }
        }
        throw new InvalidRequestException(
                "method", "method must be one of " + wireNames() + ", was '" + wireName + "'");
    }
}

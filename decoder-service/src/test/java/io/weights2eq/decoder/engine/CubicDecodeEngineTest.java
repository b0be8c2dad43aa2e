package io.weights2eq.decoder.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weights2eq.decoder.Fixtures;
import io.weights2eq.domain.decoding.DecodingMethod;
import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.equation.EquationFamilies;
import io.weights2eq.domain.equation.roots.RealRoots;
import io.weights2eq.domain.network.Network;
import org.junit.jupiter.api.Test;

/** The service configured with {@code w2e.decoder.family=cubic}: every result carries the decoded cubic's root. */
class CubicDecodeEngineTest {

    private static DecodeEngine engine(String family) {
        DecodingMethods methods =
                new DecodingMethods(EquationFamilies.named(family), -1, 1, HybridDecoder.DEFAULT_TOLERANCE);
        return new DecodeEngine(new ServingModel(), 1, 4, (source, outcome, nanos) -> {}, methods, "hybrid");
    }

    @Test
    void aCubicResultCarriesTheLargestRootOfItsDecodedPolynomial() {
        Network network = Fixtures.domainNetwork(3);
        for (String method : new String[] {"hybrid", DecodingMethod.ANALYTIC.wireName()}) {
            DecodeEngine.Result result = engine("cubic").decode(network, null, method, DecodeListener.Source.REST);
            var decoded = result.equation().polynomial();
            assertEquals(3, decoded.degree(), decoded::toCanonicalText); // monic: x³ always there
            assertEquals(
                    RealRoots.largest(decoded).orElseThrow().value(),
                    result.largestRoot(),
                    0.0,
                    decoded.toCanonicalText());
        }
        assertNull(engine("servant")
                .decode(network, null, "analytic", DecodeListener.Source.REST)
                .largestRoot());
    }
}

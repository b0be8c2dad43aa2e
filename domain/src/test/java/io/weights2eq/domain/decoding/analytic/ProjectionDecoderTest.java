package io.weights2eq.domain.decoding.analytic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionDecoderTest {

    /** A 64-piece interpolant of the parabola (max deviation ≈ 6e-4) decodes to exactly the parabola. */
    @Test
    void decodesAPiecewiseLinearParabola() {
        Network net = Networks.interpolant(x -> 2.3 * x * x - 1.2 * x + 0.5);
        for (EquationFamily family : new EquationFamily[] {EquationFamily.defaults(), EquationFamily.servant()}) {
            DecodedEquation decoded = new ProjectionDecoder(family, -1, 1).decode(net);
            assertEquals("2.3*x*x-1.2*x+0.5", decoded.canonicalText());
            assertEquals(Polynomial.ofDecimals("0.5", "-1.2", "2.3"), decoded.polynomial());
            int[] tokens = decoded.tokenIds();
            assertEquals(Vocabulary.EOS, tokens[tokens.length - 1]);
            assertArrayEquals(Vocabulary.encode(decoded.canonicalText()), Arrays.copyOf(tokens, tokens.length - 1));
            assertEquals("analytic", decoded.method());
            assertNull(decoded.modelVersion());
        }
    }

    /**
     * |x| projects to 0.1875 + 0.9375·x²; every candidate's squared error is 1/96 plus its L² distance to that, so
     * the finest rounding fits best and the snapped 0.9375 → 1 variants come after 0.9 / 0.2.
     */
    @Test
    void candidatesAreScoredAndSortedBestFirst() {
        ProjectionDecoder decoder = new ProjectionDecoder(EquationFamily.defaults(), -1, 1);
        List<Candidate> candidates = decoder.candidates(Networks.absolute());
        assertEquals(
                List.of("0.94*x*x+0.19", "0.9*x*x+0.2", "1*x*x+0.19", "1*x*x+0.2", "1*x*x"),
                candidates.stream().map(c -> c.polynomial().toCanonicalText()).toList());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            assertEquals("analytic", c.method());
            FunctionFit alone = FunctionFit.of(c.polynomial(), Networks.absolute(), -1, 1);
            assertEquals(alone.rSquared(), c.fit().rSquared(), 1e-12);
            assertEquals(alone.maxAbsError(), c.fit().maxAbsError(), 1e-12);
            assertTrue(
                    i == 0 || candidates.get(i - 1).fit().rSquared() >= c.fit().rSquared());
        }
        assertEquals("0.94*x*x+0.19", decoder.decode(Networks.absolute()).canonicalText());
    }

    @Test
    void decodesSmoothNetworks() {
        // 2·tanh(0.5x) + 0.25 ≈ 0.25 + x − x³/12: its best line on [-1, 1] is 0.25 + 0.95·x (to 2 decimals).
        Network net = new Network(new NetworkLayout(1, 1, 1), Activation.TANH, new float[] {0.5f, 2f, 0f, 0.25f});
        ProjectionDecoder decoder = new ProjectionDecoder(EquationFamily.defaults(), -1, 1);
        assertEquals("0.95*x+0.25", decoder.decode(net).canonicalText());
        assertTrue(decoder.candidates(net).get(0).fit().rSquared() > 0.999);
    }

    @Test
    void identityDecodesToX() {
        assertEquals(
                "1*x",
                new ProjectionDecoder(EquationFamily.servant(), -1, 1)
                        .decode(Networks.identity())
                        .canonicalText());
        assertEquals(
                1,
                new ProjectionDecoder(EquationFamily.defaults(), -1, 1)
                        .candidates(Networks.identity())
                        .size());
    }

    @Test
    void rejectsBadConfiguration() {
        assertEquals("analytic", new ProjectionDecoder(EquationFamily.defaults(), -1, 1).method());
        assertThrows(IllegalArgumentException.class, () -> new ProjectionDecoder(EquationFamily.defaults(), 1, -1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ProjectionDecoder(new EquationFamily(null, 2, null, null, 1, 1, 1, 1, 2, 0.25), -1, 1));
    }
}

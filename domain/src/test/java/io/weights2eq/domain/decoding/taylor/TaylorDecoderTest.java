package io.weights2eq.domain.decoding.taylor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TaylorDecoderTest {

    /** y = 2·tanh(0.5x) + 0.25 → 0.25 + x − x³/12 + x⁵/120, rounded to 6 significant digits. */
    @Test
    void decodesTheRoundedExpansion() {
        Network net = new Network(new NetworkLayout(1, 1, 1), Activation.TANH, new float[] {0.5f, 2f, 0f, 0.25f});
        DecodedEquation decoded = new TaylorDecoder(5, 9, 0).decode(net);
        assertEquals(Polynomial.ofDecimals("0.25", "1", "0", "-0.0833333", "0", "0.00833333"), decoded.polynomial());
        assertEquals("0.00833333*x*x*x*x*x-0.0833333*x*x*x+1*x+0.25", decoded.canonicalText());
        int[] tokens = decoded.tokenIds();
        assertEquals(Vocabulary.EOS, tokens[tokens.length - 1]);
        assertArrayEquals(Vocabulary.encode(decoded.canonicalText()), Arrays.copyOf(tokens, tokens.length - 1));
        assertEquals("taylor", decoded.method());
        assertNull(decoded.modelVersion());
        assertEquals("taylor", new TaylorDecoder(2, 5, 0).method());
    }

    /** Float noise far below the family's precision is cut at 9 decimals, not printed as 1E-17. */
    @Test
    void dropsNoiseBelowNineDecimals() {
        Network net = new Network(new NetworkLayout(1, 1, 1), Activation.TANH, new float[] {1e-4f, 1f, 0f, 0f});
        assertEquals("0.0001*x", new TaylorDecoder(3, 5, 0).decode(net).canonicalText());
    }

    @Test
    void divergedExpansionHasNoPolynomial() {
        // pre-activation 40 around centre 0: far outside sigmoid's radius π, the series overflows
        Network net = new Network(new NetworkLayout(1, 1, 1), Activation.SIGMOID, new float[] {1f, 1f, 40f, 0f});
        DecodedEquation decoded = new TaylorDecoder(2, 400, 0).decode(net);
        assertFalse(decoded.parsed());
        assertEquals("", decoded.canonicalText());
        assertArrayEquals(new int[] {Vocabulary.EOS}, decoded.tokenIds());
    }

    @Test
    void appliesOnlyToSmoothNetworks() {
        float[] p = new float[4];
        assertTrue(TaylorDecoder.applies(new Network(new NetworkLayout(1, 1, 1), Activation.SOFTPLUS, p)));
        Network relu = new Network(new NetworkLayout(1, 1, 1), Activation.RELU, p);
        assertFalse(TaylorDecoder.applies(relu));
        assertThrows(IllegalArgumentException.class, () -> new TaylorDecoder(2, 5, 0).decode(relu));
        assertThrows(IllegalArgumentException.class, () -> new TaylorDecoder(-1, 5, 0));
    }
}

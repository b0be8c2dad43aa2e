package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedDecoderTest {

    private static DecoderCheckpoint checkpoint() {
        return new DecoderCheckpoint(
                "m-7",
                7,
                700,
                1L,
                RandomWeights.weights(RandomWeights.SMALL, 77, 0.5),
                Map.of(),
                Map.of("exactMatch", 0.25));
    }

    private static int[] withEos(String text) {
        int[] ids = Vocabulary.encode(text);
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = Vocabulary.EOS;
        return out;
    }

    @Test
    void beamWidthMustBeBetween1And64() {
        DecoderCheckpoint c = checkpoint();
        for (int bad : new int[] {0, -1, 65, 1000}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LearnedDecoder(c, bad));
            assertTrue(e.getMessage().contains("beamWidth"), e.getMessage());
        }
        assertEquals(1, new LearnedDecoder(c, 1).beamWidth());
        assertEquals(64, new LearnedDecoder(c, 64).beamWidth());
    }

    @Test
    void fromTokensParsesAPolynomial() {
        LearnedDecoder decoder = new LearnedDecoder(checkpoint(), 1);
        int[] tokens = withEos("-2.5*x*x+3*x-0.7");
        DecodedEquation e = decoder.fromTokens(tokens);
        assertTrue(e.parsed());
        assertEquals("-2.5*x*x+3*x-0.7", e.canonicalText());
        assertEquals(Polynomial.ofDecimals("-0.7", "3", "-2.5"), e.polynomial());
        assertEquals(List.of(new BigDecimal("-0.7"), new BigDecimal("3"), new BigDecimal("-2.5")), e.coefficients());
        assertArrayEquals(tokens, e.tokenIds());
        assertEquals(LearnedDecoder.METHOD, e.method());
        assertEquals("m-7", e.modelVersion());
        // tokens after <eos> are not part of the text
        int[] trailing = Arrays.copyOf(tokens, tokens.length + 2);
        trailing[tokens.length] = Vocabulary.id('9');
        assertEquals(e.polynomial(), decoder.fromTokens(trailing).polynomial());
        // a constant still has three coefficients
        assertEquals(
                List.of(new BigDecimal("4"), BigDecimal.ZERO, BigDecimal.ZERO),
                decoder.fromTokens(withEos("4")).coefficients());
    }

    @Test
    void unparsableTokensKeepTheText() {
        LearnedDecoder decoder = new LearnedDecoder(checkpoint(), 1);
        for (String text : new String[] {"+*x", "3*", "", "1..2"}) {
            DecodedEquation e = decoder.fromTokens(withEos(text));
            assertFalse(e.parsed(), text);
            assertNull(e.polynomial(), text);
            assertEquals(List.of(), e.coefficients(), text);
            assertEquals(text, e.canonicalText());
            assertEquals("m-7", e.modelVersion());
        }
    }

    @Test
    void decodesANetworkWithTheCheckpointsTransformer(@TempDir Path dir) throws IOException {
        DecoderCheckpoint c = checkpoint();
        Network network = new Network(
                NetworkLayout.DEFAULT,
                Activation.TANH,
                RandomWeights.uniform(DeterministicRandom.ofSeed(3), NetworkLayout.DEFAULT.parameterCount(), 1.0));
        float[] features = DecoderFeatures.of(network, c.config().probes());
        TransformerDecoder transformer = new TransformerDecoder(c.weights());

        LearnedDecoder greedy = new LearnedDecoder(c, 1);
        DecodedEquation g = greedy.decode(network);
        assertArrayEquals(transformer.greedy(features), g.tokenIds());
        assertEquals(Vocabulary.decode(g.tokenIds()), g.canonicalText());
        assertEquals("learned", greedy.method());
        assertEquals("m-7", greedy.version());
        assertEquals(Map.of("exactMatch", 0.25), greedy.metrics());

        LearnedDecoder beam = new LearnedDecoder(c, 3);
        assertArrayEquals(
                transformer.beam(features, 3).get(0).tokens(),
                beam.decode(network).tokenIds());

        new CheckpointDirectory(dir, 1).write(c);
        LearnedDecoder loaded = LearnedDecoder.load(dir, 1);
        assertEquals("m-7", loaded.version());
        assertArrayEquals(g.tokenIds(), loaded.decode(network).tokenIds());
    }
}

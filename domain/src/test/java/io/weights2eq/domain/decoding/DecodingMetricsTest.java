package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecodingMetricsTest {

    /** What a decoder emitting {@code text} then {@code <eos>} returns. */
    private static DecodedEquation decoded(String text) {
        Polynomial p;
        try {
            p = Polynomial.parse(text);
        } catch (IllegalArgumentException e) {
            p = null;
        }
        int[] ids = Vocabulary.encode(text);
        int[] tokens = Arrays.copyOf(ids, ids.length + 1);
        tokens[ids.length] = Vocabulary.EOS;
        return new DecodedEquation(text, p, tokens, "learned", "v1");
    }

    @Test
    void targetTokensAreTheCanonicalTextThenEos() {
        int[] t = DecodingMetrics.targetTokens(Polynomial.parse("3*x-x*x*2.5-0.75"));
        assertEquals("-2.5*x*x+3*x-0.75".length() + 1, t.length);
        assertEquals(Vocabulary.EOS, t[t.length - 1]);
        assertEquals("-2.5*x*x+3*x-0.75", Vocabulary.decode(t));
    }

    @Test
    void aPerfectDecodeScoresOne() {
        DecodingMetrics m = new DecodingMetrics();
        m.add(Polynomial.parse("2*x+1"), decoded("2*x+1"));
        assertEquals(
                Map.of(
                        DecodingMetrics.TOKEN_ACCURACY,
                        1.0,
                        DecodingMetrics.EXACT_MATCH,
                        1.0,
                        DecodingMetrics.COEFFICIENT_MAE,
                        0.0,
                        DecodingMetrics.SIGN_ACCURACY,
                        1.0,
                        DecodingMetrics.R_SQUARED,
                        1.0,
                        DecodingMetrics.PARSE_RATE,
                        1.0,
                        DecodingMetrics.COUNT,
                        1.0),
                m.summary());
        assertEquals(
                List.of(
                        "tokenAccuracy",
                        "exactMatch",
                        "coefficientMae",
                        "signAccuracy",
                        "rSquared",
                        "parseRate",
                        "count"),
                List.copyOf(m.summary().keySet()));
    }

    @Test
    void poolsAHandComputedPair() {
        DecodingMetrics m = new DecodingMetrics();
        m.add(Polynomial.parse("2*x+1"), decoded("2*x+1"));
        // truth 1*x*x; emitted "1*x*" <eos>: 4 of 6 target positions right (<eos> where 'x' is due, then nothing)
        m.add(Polynomial.parse("x*x"), decoded("1*x*"));
        Map<String, Double> s = m.summary();
        assertEquals(10.0 / 12, s.get(DecodingMetrics.TOKEN_ACCURACY), 1e-15);
        assertEquals(0.5, s.get(DecodingMetrics.EXACT_MATCH));
        assertEquals(1.0 / 6, s.get(DecodingMetrics.COEFFICIENT_MAE), 1e-15); // unparsable = zeros: |0 - 1| in c2
        assertEquals(5.0 / 6, s.get(DecodingMetrics.SIGN_ACCURACY), 1e-15);
        assertEquals(0.5, s.get(DecodingMetrics.PARSE_RATE));
        assertEquals(2.0, s.get(DecodingMetrics.COUNT));
        // R² of predicting 0 for x²: 1 - Σx⁴ / Σ(x² - mean x²)²; median of two = their mean
        double sx4 = 0;
        double sx2 = 0;
        for (int i = 0; i <= 200; i++) {
            double x = -1 + i / 100.0;
            sx4 += x * x * x * x;
            sx2 += x * x;
        }
        double mean = sx2 / 201;
        double sst = sx4 - 201 * mean * mean;
        assertEquals((1 + (1 - sx4 / sst)) / 2, s.get(DecodingMetrics.R_SQUARED), 1e-9);
    }

    @Test
    void rSquaredByHand() {
        Polynomial x = Polynomial.parse("1*x");
        assertEquals(0.75, DecodingMetrics.rSquared(x, Polynomial.parse("0.5*x")), 1e-12);
        assertEquals(0.0, DecodingMetrics.rSquared(x, Polynomial.parse("2*x")), 1e-12);
        assertEquals(0.0, DecodingMetrics.rSquared(x, Polynomial.zero()), 1e-12);
        assertEquals(1.0, DecodingMetrics.rSquared(x, x));
        // constant truth: SST = 0
        assertEquals(1.0, DecodingMetrics.rSquared(Polynomial.parse("3"), Polynomial.parse("3")));
        assertEquals(0.0, DecodingMetrics.rSquared(Polynomial.parse("3"), Polynomial.parse("2")));
    }

    @Test
    void rSquaredIsTheMedianSoOneWildPredictionDoesNotDominate() {
        DecodingMetrics m = new DecodingMetrics();
        m.add(Polynomial.parse("1*x"), decoded("1*x"));
        m.add(Polynomial.parse("1*x"), decoded("0.5*x"));
        m.add(Polynomial.parse("1*x"), decoded("100000*x*x"));
        assertEquals(0.75, m.summary().get(DecodingMetrics.R_SQUARED), 1e-12);
    }

    @Test
    void signsAndSlotsFollowTheHigherDegree() {
        DecodingMetrics m = new DecodingMetrics();
        // truth 1*x*x*x - 2 (4 slots); predicted -2*x*x: c0 - vs 0, c1 0 vs 0, c2 0 vs -, c3 + vs 0
        m.add(Polynomial.parse("1*x*x*x-2"), decoded("-2*x*x"));
        Map<String, Double> s = m.summary();
        assertEquals((2 + 0 + 2 + 1) / 4.0, s.get(DecodingMetrics.COEFFICIENT_MAE), 1e-15);
        assertEquals(1 / 4.0, s.get(DecodingMetrics.SIGN_ACCURACY), 1e-15);
        assertEquals(0.0, s.get(DecodingMetrics.EXACT_MATCH));
        assertEquals(1.0, s.get(DecodingMetrics.PARSE_RATE));
    }

    @Test
    void extraEmittedTokensDoNotCountAndEmptyIsNaN() {
        DecodingMetrics m = new DecodingMetrics();
        assertTrue(m.summary().get(DecodingMetrics.TOKEN_ACCURACY).isNaN());
        assertTrue(m.summary().get(DecodingMetrics.R_SQUARED).isNaN());
        assertEquals(0.0, m.summary().get(DecodingMetrics.COUNT));
        m.add(
                Polynomial.parse("1"),
                new DecodedEquation(
                        "1",
                        Polynomial.parse("1"),
                        new int[] {Vocabulary.id('1'), Vocabulary.EOS, Vocabulary.id('1'), Vocabulary.EOS},
                        "learned",
                        "v"));
        assertEquals(1.0, m.summary().get(DecodingMetrics.TOKEN_ACCURACY));
        assertArrayEquals(
                new int[] {Vocabulary.id('1'), Vocabulary.EOS}, DecodingMetrics.targetTokens(Polynomial.parse("1")));
    }
}

package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EquationSamplerTest {

    private static final int DRAWS = 200_000;

    /** Cubics, wide range with 1-3 integer digits, 2- and 4-digit decimals, unequal weights. */
    private static final EquationFamily WIDE_CUBICS = new EquationFamily(
            SamplingMode.UNIFORM_LENGTH, 3, new BigDecimal("-250"), new BigDecimal("120.5"), 1, 2, 2, 0.5, 4, 0.4);

    @Test
    void defaultFamilyLengthsAreUniform() {
        assertUniformLengths(EquationFamily.defaults(), 11);
    }

    @Test
    void anotherFamilyLengthsAreUniform() {
        assertUniformLengths(WIDE_CUBICS, 12);
    }

    private static void assertUniformLengths(EquationFamily family, long seed) {
        EquationSampler sampler = new EquationSampler(family);
        List<Integer> lengths = sampler.achievableLengths();
        Map<Integer, Integer> slot = new HashMap<>();
        for (int i = 0; i < lengths.size(); i++) {
            slot.put(lengths.get(i), i);
        }
        long[] observed = new long[lengths.size()];
        DeterministicRandom rnd = DeterministicRandom.forEquation(seed, 0);
        for (int i = 0; i < DRAWS; i++) {
            String text = sampler.sample(rnd).toCanonicalText();
            Integer s = slot.get(text.length());
            assertTrue(s != null, () -> "length of " + text + " is not in " + lengths);
            observed[s]++;
        }
        double[] uniform = new double[lengths.size()];
        java.util.Arrays.fill(uniform, 1.0 / lengths.size());
        double statistic = ChiSquare.statistic(observed, uniform);
        double critical = ChiSquare.criticalValue99(lengths.size() - 1);
        assertTrue(
                statistic < critical,
                "chi-square " + statistic + " >= " + critical + " for " + lengths.size() + " lengths: "
                        + java.util.Arrays.toString(observed));
    }

    @Test
    void defaultFamilyCanWriteEveryLengthFrom1To21() {
        // Longest: "-d.dd*x*x" (9) + "-d.dd*x" (7) + "-d.dd" (5); shortest: "0".
        assertEquals(
                IntStream.rangeClosed(1, 21).boxed().toList(),
                new EquationSampler(EquationFamily.defaults()).achievableLengths());
    }

    @Test
    void servantIsSkewedToLongTextsAndFollowsItsExactDistribution() {
        EquationSampler sampler = new EquationSampler(EquationFamily.servant());
        List<Integer> lengths = sampler.achievableLengths();
        long[] observed = new long[lengths.size()];
        DeterministicRandom rnd = DeterministicRandom.forEquation(13, 0);
        for (int i = 0; i < DRAWS; i++) {
            observed[lengths.indexOf(sampler.sample(rnd).toCanonicalText().length())]++;
        }
        double[] uniform = new double[lengths.size()];
        java.util.Arrays.fill(uniform, 1.0 / lengths.size());
        double critical = ChiSquare.criticalValue99(lengths.size() - 1);
        assertTrue(ChiSquare.statistic(observed, uniform) > 100 * critical, "SERVANT must not look uniform");
        long longHalf = 0;
        for (int i = 0; i < lengths.size(); i++) {
            if (lengths.get(i) > 9) {
                longHalf += observed[i];
            }
        }
        assertTrue(longHalf > 0.8 * DRAWS, "most SERVANT texts are longer than 9 characters: " + longHalf);
        double[] exact = lengths.stream()
                .mapToDouble(len -> sampler.lengthDistribution().get(len))
                .toArray();
        assertTrue(ChiSquare.statistic(observed, exact) < critical, "matches lengthDistribution()");
    }

    @Test
    void servantLengthDistributionMatchesBruteForceEnumeration() {
        // Each coefficient: 1/2 integer in [-5,5], 1/2 one-decimal in [-5.0,5.0]; enumerate all 101^3 value triples.
        Map<BigDecimal, Double> perTerm = new HashMap<>();
        for (int i = -5; i <= 5; i++) {
            perTerm.merge(BigDecimal.valueOf(i), 0.5 / 11, Double::sum);
        }
        for (int i = -50; i <= 50; i++) {
            perTerm.merge(BigDecimal.valueOf(i, 1).stripTrailingZeros(), 0.5 / 101, Double::sum);
        }
        double[] expected = new double[40];
        BigDecimal[] values = perTerm.keySet().toArray(new BigDecimal[0]);
        for (BigDecimal c2 : values) {
            for (BigDecimal c1 : values) {
                for (BigDecimal c0 : values) {
                    int len = Polynomial.of(c0, c1, c2).toCanonicalText().length();
                    expected[len] += perTerm.get(c0) * perTerm.get(c1) * perTerm.get(c2);
                }
            }
        }
        SortedMap<Integer, Double> computed = new EquationSampler(EquationFamily.servant()).lengthDistribution();
        for (int len = 0; len < expected.length; len++) {
            assertEquals(expected[len], computed.getOrDefault(len, 0.0), 1e-12, "length " + len);
        }
    }

    @Test
    void lengthTablesMatchBruteForceForASmallUniformFamily() {
        // Linear, [-2, 1.5], whole / 1-digit / 2-digit, absent 0.3: enumerate every pair of values.
        EquationFamily family = new EquationFamily(
                SamplingMode.UNIFORM_LENGTH, 1, new BigDecimal("-2"), new BigDecimal("1.5"), 1, 2, 1, 3, 2, 0.3);
        Map<BigDecimal, Double> perTerm = new HashMap<>();
        perTerm.put(BigDecimal.ZERO, 0.3);
        double[] kindWeight = {1 / 6.0, 2 / 6.0, 3 / 6.0};
        for (int kind = 0; kind < 3; kind++) {
            int decimals = kind;
            List<BigDecimal> values = new java.util.ArrayList<>();
            for (int m = -200; m <= 150; m++) {
                BigDecimal v = BigDecimal.valueOf(m, 2);
                boolean exactDecimals = v.stripTrailingZeros().scale() == decimals
                        || (decimals == 0 && v.stripTrailingZeros().scale() <= 0);
                if (m != 0 && exactDecimals) {
                    values.add(v.stripTrailingZeros());
                }
            }
            for (BigDecimal v : values) {
                perTerm.merge(v, 0.7 * kindWeight[kind] / values.size(), Double::sum);
            }
        }
        double[] expected = new double[30];
        for (Map.Entry<BigDecimal, Double> a : perTerm.entrySet()) {
            for (Map.Entry<BigDecimal, Double> b : perTerm.entrySet()) {
                expected[Polynomial.of(a.getKey(), b.getKey()).toCanonicalText().length()] +=
                        a.getValue() * b.getValue();
            }
        }
        double[] computed = new EquationSampler(family).tablesForTest().lengthWeight;
        for (int len = 0; len < expected.length; len++) {
            assertEquals(expected[len], len < computed.length ? computed[len] : 0, 1e-12, "length " + len);
        }
    }

    @Test
    void withinALengthShapesFollowTheBaseDistribution() {
        // Length 1 is "0" (weight a^3) or a positive whole constant 1..5 (a^2 (1-a) (1/3) (5/10)): 2/3 vs 1/3.
        EquationSampler sampler = new EquationSampler(EquationFamily.defaults());
        DeterministicRandom rnd = DeterministicRandom.forEquation(17, 0);
        int zero = 0;
        int lengthOne = 0;
        for (int i = 0; i < DRAWS; i++) {
            Polynomial p = sampler.sample(rnd);
            if (p.toCanonicalText().length() == 1) {
                lengthOne++;
                zero += p.isZero() ? 1 : 0;
            }
        }
        double share = zero / (double) lengthOne;
        double sigma = Math.sqrt(2.0 / 9 / lengthOne);
        assertEquals(2.0 / 3, share, 4 * sigma, "zero share among " + lengthOne + " length-1 texts");
    }

    @Test
    void coefficientsRespectRangeAndKinds() {
        EquationSampler sampler = new EquationSampler(WIDE_CUBICS);
        DeterministicRandom rnd = DeterministicRandom.forEquation(3, 3);
        int[] byScale = new int[8];
        for (int i = 0; i < 50_000; i++) {
            Polynomial p = sampler.sample(rnd);
            for (BigDecimal c : p.ascendingCoefficients(4)) {
                if (c.signum() == 0) {
                    continue;
                }
                assertTrue(
                        c.compareTo(WIDE_CUBICS.coefficientMin()) >= 0
                                && c.compareTo(WIDE_CUBICS.coefficientMax()) <= 0,
                        c + " in " + p);
                int scale = Math.max(0, c.scale());
                assertTrue(scale == 0 || scale == 2 || scale == 4, "kind visible in " + c);
                byScale[scale]++;
            }
        }
        assertTrue(byScale[0] > 0 && byScale[2] > 0 && byScale[4] > 0, java.util.Arrays.toString(byScale));
    }

    @Test
    void withoutAbsentTermsEveryTermIsPresent() {
        EquationFamily family = new EquationFamily(
                SamplingMode.UNIFORM_LENGTH, 2, new BigDecimal("-5"), new BigDecimal("5"), 1, 1, 1, 1, 2, 0);
        EquationSampler sampler = new EquationSampler(family);
        assertFalse(sampler.achievableLengths().contains(1), "no zero polynomial, no lone constant");
        DeterministicRandom rnd = DeterministicRandom.forEquation(4, 4);
        for (int i = 0; i < 20_000; i++) {
            Polynomial p = sampler.sample(rnd);
            for (int power = 0; power <= 2; power++) {
                assertTrue(p.coefficient(power).signum() != 0, p::toCanonicalText);
            }
        }
    }

    @Test
    void samplingIsDeterministic() {
        EquationSampler a = new EquationSampler(EquationFamily.defaults());
        EquationSampler b = new EquationSampler(EquationFamily.defaults());
        DeterministicRandom ra = DeterministicRandom.forEquation(8, 8);
        DeterministicRandom rb = DeterministicRandom.forEquation(8, 8);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.sample(ra), b.sample(rb));
        }
    }

    @Test
    void rejectsAnInvalidFamily() {
        EquationFamily bad = new EquationFamily(
                SamplingMode.UNIFORM_LENGTH, 7, new BigDecimal("-5"), new BigDecimal("5"), 1, 1, 1, 1, 2, 0.25);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EquationSampler(bad));
        assertTrue(e.getMessage().contains("degree must be between 0 and 4, was 7"), e.getMessage());
    }
}

package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Seed 001's family: monic x³ + ax² + bx + c with a, b, c whole and uniform in [-10, 10]. */
class CubicFamilyTest {

    private static final int DRAWS = 100_000;
    private final EquationSampler sampler = new EquationSampler(EquationFamilies.named("cubic"));

    @Test
    void everyDrawIsMonicOfDegreeThreeWithWholeCoefficientsInRange() {
        DeterministicRandom rnd = DeterministicRandom.forEquation(21, 0);
        for (int i = 0; i < DRAWS; i++) {
            Polynomial p = sampler.sample(rnd);
            assertEquals(3, p.degree(), p::toCanonicalText);
            assertEquals(BigDecimal.ONE, p.coefficient(3), p::toCanonicalText);
            for (int power = 0; power < 3; power++) {
                BigDecimal c = p.coefficient(power);
                assertEquals(0, c.scale(), p::toCanonicalText);
                assertTrue(c.abs().compareTo(BigDecimal.TEN) <= 0, p::toCanonicalText);
            }
        }
    }

    @Test
    void eachLowerCoefficientIsUniformOverTheTwentyOneWholeNumbersZeroIncluded() {
        long[][] observed = new long[3][21];
        DeterministicRandom rnd = DeterministicRandom.forEquation(22, 0);
        for (int i = 0; i < DRAWS; i++) {
            Polynomial p = sampler.sample(rnd);
            for (int power = 0; power < 3; power++) {
                observed[power][p.coefficient(power).intValueExact() + 10]++;
            }
        }
        double[] uniform = new double[21];
        Arrays.fill(uniform, 1.0 / 21);
        double critical = ChiSquare.criticalValue99(20);
        for (int power = 0; power < 3; power++) {
            double statistic = ChiSquare.statistic(observed[power], uniform);
            assertTrue(statistic < critical, "power " + power + ": chi-square " + statistic + " >= " + critical);
        }
    }

    @Test
    void zeroTermsDropOutOfTheCanonicalText() {
        assertEquals(
                "1*x*x*x-10*x*x-10*x-10",
                Polynomial.ofDecimals("-10", "-10", "-10", "1").toCanonicalText());
        assertEquals("1*x*x*x", Polynomial.ofDecimals("0", "0", "0", "1").toCanonicalText());
        assertEquals("1*x*x*x+10*x", Polynomial.ofDecimals("0", "10", "0", "1").toCanonicalText());
        // The 19-token vocabulary spells every cubic: "x*x*x" and two-digit coefficients need no new token.
        int[] ids = Vocabulary.encode("1*x*x*x-10*x*x+7*x-10");
        assertTrue(Arrays.stream(ids).noneMatch(id -> id == Vocabulary.UNK));
        assertEquals("1*x*x*x-10*x*x+7*x-10", Vocabulary.decode(ids));
    }

    @Test
    void lengthDistributionIsExactAgainstEnumerationOfAll9261Cubics() {
        SortedMap<Integer, Double> expected = new TreeMap<>();
        for (int a = -10; a <= 10; a++) {
            for (int b = -10; b <= 10; b++) {
                for (int c = -10; c <= 10; c++) {
                    int length = Polynomial.of(
                                    BigDecimal.valueOf(c), BigDecimal.valueOf(b), BigDecimal.valueOf(a), BigDecimal.ONE)
                            .toCanonicalText()
                            .length();
                    expected.merge(length, 1.0 / 9261, Double::sum);
                }
            }
        }
        SortedMap<Integer, Double> computed = sampler.lengthDistribution();
        assertEquals(expected.keySet(), computed.keySet());
        expected.forEach((len, p) -> assertEquals(p, computed.get(len), 1e-12, "length " + len));
        assertEquals(List.copyOf(expected.keySet()), sampler.achievableLengths());
    }

    /** The longest cubic, {@code 1*x*x*x-10*x*x-10*x-10}, exactly fills the shipped decoder's 24 tokens with bos and eos. */
    @Test
    void theLongestCubicFitsTheLearnedDecodersTokenLimit() {
        assertEquals(22, sampler.lengthDistribution().lastKey());
        assertEquals(22, "1*x*x*x-10*x*x-10*x-10".length());
        int maxTokens =
                io.weights2eq.domain.decoding.TransformerConfig.defaults().maxTokens();
        assertTrue(1 + 22 + 1 <= maxTokens, "<bos> + 22 + <eos> within maxTokens " + maxTokens);
    }

    @Test
    void theSameSeedGivesTheSameCubics() {
        EquationGenerator one = new EquationGenerator(EquationFamily.cubic(), new SampleSpec(64, -1, 1));
        EquationGenerator two = new EquationGenerator(EquationFamily.cubic(), new SampleSpec(64, -1, 1));
        for (int i = 0; i < 20; i++) {
            assertEquals(one.generate(5, i).canonicalText(), two.generate(5, i).canonicalText());
        }
    }

    @Test
    void cubicModeUsesOnlyTheDegreeAndAWholeRange() {
        EquationFamily cubic = EquationFamily.cubic();
        assertTrue(cubic.validate().isEmpty(), cubic.validate()::toString);
        assertTrue(cubic.monic());
        assertTrue(
                !EquationFamily.servant().monic() && !EquationFamily.defaults().monic());
        EquationFamily quadratic = new EquationFamily(
                SamplingMode.CUBIC, 2, new BigDecimal("-10"), new BigDecimal("10.5"), 1, 0, 1, 0, 2, 0);
        assertEquals(
                List.of(
                        new Violation("degree", "must be 3 in mode cubic, was 2"),
                        new Violation("coefficientMax", "must be a whole number in mode cubic, was 10.5")),
                quadratic.validate());
        assertEquals(SamplingMode.CUBIC, SamplingMode.fromLabel("cubic"));
        assertEquals(cubic, EquationFamilies.named("cubic"));
        assertTrue(EquationFamilies.names().contains("cubic"));
    }
}

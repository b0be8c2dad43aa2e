package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class ExactFloatEvaluatorTest {

    private static float evaluate(String polynomial, float x) {
        return new ExactFloatEvaluator(Polynomial.parse(polynomial)).evaluate(x);
    }

    @Test
    void exactMidpointsRoundToEven() {
        // 1 + 2^-24 lies halfway between 1 and 1 + 2^-23: ties to the even one, 1.
        assertEquals(1.0f, evaluate("1.000000059604644775390625", 0f));
        // 1 + 3*2^-24 lies halfway between 1 + 2^-23 (odd) and 1 + 2^-22 (even).
        assertEquals(1.0f + 0x1p-22f, evaluate("1.000000178813934326171875", 0f));
        // x = 1 + 2^-12 is a float; x*x = 1 + 2^-11 + 2^-24 is a midpoint, decided by the expansion tier.
        float x = 1.0f + 0x1p-12f;
        assertEquals(1.0f + 0x1p-11f, evaluate("1*x*x", x));
    }

    @Test
    void avoidsDoubleRounding() {
        // Just above the midpoint 1 + 2^-24: the double is exactly the midpoint, so (float) (double) would give 1.
        String c = "1.000000059604644775390625000001";
        assertEquals(1.000000059604644775390625, new BigDecimal(c).doubleValue());
        assertEquals(1.0f, (float) new BigDecimal(c).doubleValue(), "the naive answer");
        assertEquals(Math.nextUp(1.0f), evaluate(c, 0f));
        // Near-midpoints that double arithmetic cannot separate; both sides decided exactly.
        float x = 1.0f + 0x1p-12f;
        assertEquals(1.0f + 0x1p-11f + 0x1p-23f, evaluate("1*x*x+0.000000000000001", x));
        assertEquals(1.0f + 0x1p-11f, evaluate("1*x*x-0.000000000000001", x));
    }

    @Test
    void zeroIsAlwaysPositiveAndNonFiniteXPassesThrough() {
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(evaluate("1*x", -0f)));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(evaluate("0", -3f)));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(evaluate("2*x-1", 0.5f)));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(evaluate("-2*x+1", 0.5f)));
        assertTrue(Float.isNaN(evaluate("1*x+1", Float.NaN)));
        assertEquals(Float.POSITIVE_INFINITY, evaluate("1*x*x", Float.NEGATIVE_INFINITY));
    }

    @Test
    void roundsOverflowToInfinityOnlyBeyondHalfAnUlpAboveMax() {
        BigDecimal max = new BigDecimal(Float.MAX_VALUE);
        BigDecimal halfUlp = new BigDecimal(Math.ulp(Float.MAX_VALUE)).divide(BigDecimal.valueOf(2));
        assertEquals(
                Float.MAX_VALUE,
                ExactFloatEvaluator.roundToFloat(max.add(halfUlp).subtract(BigDecimal.ONE)));
        assertEquals(Float.POSITIVE_INFINITY, ExactFloatEvaluator.roundToFloat(max.add(halfUlp)));
        assertEquals(
                Float.NEGATIVE_INFINITY,
                ExactFloatEvaluator.roundToFloat(max.add(halfUlp).negate()));
        assertEquals(
                Float.MIN_VALUE,
                ExactFloatEvaluator.roundToFloat(new BigDecimal(0x1p-150).add(new BigDecimal("1e-60"))));
        assertEquals(0f, ExactFloatEvaluator.roundToFloat(new BigDecimal(0x1p-150)), "tie to even zero");
        assertEquals(
                Float.floatToIntBits(0f),
                Float.floatToIntBits(ExactFloatEvaluator.roundToFloat(new BigDecimal("-1e-60"))));
    }

    @Test
    void tieHeavyPolynomialsAreExactOnEveryTier() {
        // {polynomial, must it leave the double path?}: 3*x and 1.4*x-1.7 are exactly a float midpoint for a large
        // share of float inputs (tier 2); 1e-25 pushes those ties just off the midpoint with more decimals than
        // tier 2 handles (tier 3); degree 9 always takes tier 3.
        Object[][] cases = {
            {"3*x", true}, {"1.4*x-1.7", true}, {"3*x+0.0000000000000000000000001", true},
            {"1*x*x*x*x*x*x*x*x*x-2.5", true}, {"2.5*x*x-0.5", false}, {"-3.3*x*x+0.75*x", false},
            {"0.05*x*x*x*x-2.5*x*x*x+5", false}, {"1*x*x*x*x*x+0.1", false}, {"999.999999*x*x*x*x-1000", false}
        };
        DeterministicRandom rnd = DeterministicRandom.forEquation(77, 0);
        for (Object[] c : cases) {
            String text = (String) c[0];
            Polynomial p = Polynomial.parse(text);
            ExactFloatEvaluator evaluator = new ExactFloatEvaluator(p);
            for (int i = 0; i < 2_000; i++) {
                float x = (float) (rnd.nextDouble() * 4 - 2);
                ExactRounding.assertCorrectlyRounded(
                        ExactRounding.exactValue(p, x), evaluator.evaluate(x), text + " at " + x);
            }
            if ((Boolean) c[1]) {
                assertTrue(
                        evaluator.exactFallbacks() > 20,
                        text + " left the double path only " + evaluator.exactFallbacks() + " times");
            }
        }
    }

    @Test
    void expansionSignsAgreeWithBigDecimal() {
        DeterministicRandom rnd = DeterministicRandom.forEquation(5, 0);
        double[] e = new double[8];
        double[] h = new double[8];
        for (int i = 0; i < 20_000; i++) {
            double a = (rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(80) - 40);
            double b = (rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(80) - 40);
            double c = rnd.nextInt(4) == 0 ? -a * b : (rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(160) - 80);
            e[0] = a;
            int len = Expansions.scale(e, 1, b, h);
            len = Expansions.grow(h, len, c, e);
            BigDecimal exact = new BigDecimal(a).multiply(new BigDecimal(b)).add(new BigDecimal(c));
            assertEquals(exact.signum(), Expansions.signum(e, len), a + " * " + b + " + " + c);
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 0; k < len; k++) {
                sum = sum.add(new BigDecimal(e[k]));
            }
            assertEquals(0, exact.compareTo(sum), "the expansion holds the exact value");
        }
    }

    @Test
    void randomPolynomialsOverWideRangesAreExact() {
        EquationSampler sampler = new EquationSampler(new EquationFamily(
                SamplingMode.UNIFORM_LENGTH, 4, new BigDecimal("-1000"), new BigDecimal("1000"), 1, 1, 3, 1, 6, 0.2));
        DeterministicRandom rnd = DeterministicRandom.forEquation(6, 0);
        for (int i = 0; i < 3_000; i++) {
            Polynomial p = sampler.sample(rnd);
            double scale = Math.scalb(1.0, rnd.nextInt(40) - 20);
            float x = (float) Math.max(-1e6, Math.min(1e6, (rnd.nextDouble() * 2 - 1) * scale));
            float y = new ExactFloatEvaluator(p).evaluate(x);
            ExactRounding.assertCorrectlyRounded(ExactRounding.exactValue(p, x), y, p + " at " + x);
        }
    }

    @Test
    void decimal128RoundingAgreesOnOrdinaryValues() {
        // The rounding the brief suggests (34 significant digits, then floatValue) agrees away from exact ties.
        Polynomial p = Polynomial.parse("-2.5*x*x+3*x-0.75");
        ExactFloatEvaluator evaluator = new ExactFloatEvaluator(p);
        DeterministicRandom rnd = DeterministicRandom.forEquation(4, 0);
        for (int i = 0; i < 2_000; i++) {
            float x = (float) (rnd.nextDouble() * 2 - 1);
            BigDecimal rounded = ExactRounding.exactValue(p, x).round(MathContext.DECIMAL128);
            float expected = rounded.floatValue();
            assertEquals(expected == 0 ? 0f : expected, evaluator.evaluate(x), "at " + x);
        }
    }
}

package io.weights2eq.domain.admissible;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrecisionTest {

    @Test
    void theSeedsExamplesAndTheBaselinesNumbers() {
        String[][] cases = {
            {"1.001", "4"},
            {"0", "0"},
            {"-6e5", "6"},
            {"60", "2"},
            {"0.1", "1"},
            {"10", "2"},
            {"1", "1"},
            {"-1", "1"},
            {"9.99", "3"},
            {"0.0001", "4"},
            {"1e-4", "4"},
            {"10000", "5"},
            {"1.0E4", "5"},
            {"0.000", "0"},
            {"-0", "0"},
            {"2.50", "2"},
            {"123.456", "6"},
            {"100.01", "5"},
            {"0.999", "3"}
        };
        for (String[] c : cases) {
            assertEquals(Integer.parseInt(c[1]), Precision.of(ExactDecimal.parse(c[0])), c[0]);
        }
    }

    /** Precision straight from the definition: the smallest p with 10^-p·|x| < 1, the smallest q with 10^q·x whole. */
    private static int byDefinition(BigDecimal x) {
        int p = 0;
        while (x.abs().movePointLeft(p).compareTo(BigDecimal.ONE) >= 0) {
            p++;
        }
        int q = 0;
        while (x.movePointRight(q).stripTrailingZeros().scale() > 0) {
            q++;
        }
        return p + q;
    }

    @Test
    void agreesWithTheDefinitionOnManyDecimals() {
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 5_000; n++) {
            BigDecimal x = BigDecimal.valueOf(random.nextLong() % 10_000_000, random.nextInt(16) - 8);
            assertEquals(byDefinition(x), Precision.of(x), x.toString());
        }
    }

    /** Seed 001's example: inputs {1, 2}, x_k = x_{k-2} + x_{k-1} for k = 3..10, outputs {5, 9, 10}. */
    static AdmissibleNetwork fibonacci() {
        AdmissibleNetwork.Builder b = AdmissibleNetwork.builder(2);
        for (int k = 3; k <= 10; k++) {
            Map<Integer, BigDecimal> w = new HashMap<>();
            w.put(k - 2, BigDecimal.ONE);
            w.put(k - 1, BigDecimal.ONE);
            assertEquals(k, b.add(w, BigDecimal.ZERO, AdmissibleActivation.IDENTITY));
        }
        return b.output(5).output(9).output(10).build();
    }

    @Test
    void theFibonacciNetworkScores16AndComputesFibonacci() {
        AdmissibleNetwork fib = fibonacci();
        assertEquals(8, fib.neurons().size());
        assertEquals(16, Precision.score(fib));
        // from (1, 1): 1 1 2 3 5 8 13 21 34 55 → nodes 5, 9, 10 are 5, 34, 55
        assertArrayEquals(new double[] {5, 34, 55}, new DoubleEvaluator(fib).evaluate(1, 1));
        // generalised: x5 = 2a + 3b, x9 = 13a + 21b, x10 = 21a + 34b
        assertArrayEquals(
                new double[] {2 * 3 + 3 * -2, 13 * 3 + 21 * -2, 21 * 3 + 34 * -2},
                new DoubleEvaluator(fib).evaluate(3, -2));
        BigDecimal[] exact = new ExactEvaluator(fib).evaluate(new BigDecimal("0.1"), new BigDecimal("0.2"));
        assertEquals(0, new BigDecimal("0.8").compareTo(exact[0]));
        assertEquals(0, new BigDecimal("5.5").compareTo(exact[1]));
        assertEquals(0, new BigDecimal("8.9").compareTo(exact[2]));
    }

    @Test
    void aWrittenZeroCostsNothingAndAnAbsentWeightIsNoParameter() {
        AdmissibleNetwork n = AdmissibleFile.parse("""
                {"format": "admissible", "inputs": 2, "neurons": [
                 {"weights": {"1": "0", "2": "1.5"}, "bias": "0.00", "activation": "relu"},
                 {"weights": {"3": "-6e5"}, "bias": "60", "activation": "sigmoid"}], "outputs": [4]}""");
        assertEquals(2 + 6 + 2, Precision.score(n));
    }
}

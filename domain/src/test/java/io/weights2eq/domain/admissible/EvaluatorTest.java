package io.weights2eq.domain.admissible;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.InvalidFieldException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void eachActivationIsTheSeeds() {
        double[] ts = {-800, -30, -2.5, -0.1, 0, 0.1, 2.5, 30, 800};
        for (double t : ts) {
            assertEquals(t, AdmissibleActivation.IDENTITY.apply(t));
            assertEquals(Math.max(t, 0), AdmissibleActivation.RELU.apply(t));
            assertEquals(Math.sin(t), AdmissibleActivation.SIN.apply(t));
            double sigmoid = AdmissibleActivation.SIGMOID.apply(t);
            double softplus = AdmissibleActivation.SOFTPLUS.apply(t);
            assertTrue(Double.isFinite(sigmoid) && Double.isFinite(softplus), "t = " + t);
            if (Math.abs(t) < 30) {
                assertEquals(Math.exp(t) / (Math.exp(t) + 1), sigmoid, 1e-15, "sigmoid " + t);
                assertEquals(Math.log(Math.exp(t) + 1), softplus, 1e-14 * Math.max(1, t), "softplus " + t);
            }
        }
        assertEquals(800, AdmissibleActivation.SOFTPLUS.apply(800));
        assertEquals(1, AdmissibleActivation.SIGMOID.apply(800));
        assertEquals(0, AdmissibleActivation.SIGMOID.apply(-800));
    }

    /** y = relu(x1 − 2·x2 + 0.5), z = sin(y) + sigmoid(x1), outputs (z, y, x1). */
    private static AdmissibleNetwork mixed() {
        AdmissibleNetwork.Builder b = AdmissibleNetwork.builder(2);
        int y = b.add(
                Map.of(1, BigDecimal.ONE, 2, new BigDecimal("-2")), new BigDecimal("0.5"), AdmissibleActivation.RELU);
        int s = b.add(Map.of(y, BigDecimal.ONE), BigDecimal.ZERO, AdmissibleActivation.SIN);
        int g = b.add(Map.of(1, BigDecimal.ONE), BigDecimal.ZERO, AdmissibleActivation.SIGMOID);
        int z = b.add(Map.of(s, BigDecimal.ONE, g, BigDecimal.ONE), BigDecimal.ZERO, AdmissibleActivation.IDENTITY);
        return b.output(z).output(y).output(1).build();
    }

    @Test
    void evaluatesManyInputsAsOneAtATime() {
        DoubleEvaluator e = new DoubleEvaluator(mixed());
        int count = 9_261;
        double[] x = new double[count * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37 % 101) / 10.0 - 5;
        }
        double[] out = new double[count * 3];
        e.evaluateMany(x, count, out);
        for (int row = 0; row < count; row++) {
            double x1 = x[2 * row];
            double x2 = x[2 * row + 1];
            double y = Math.max(x1 - 2 * x2 + 0.5, 0);
            double z = Math.sin(y) + 1 / (1 + Math.exp(-x1));
            assertEquals(z, out[3 * row], 1e-15);
            assertEquals(y, out[3 * row + 1]);
            assertEquals(x1, out[3 * row + 2]);
            assertArrayEquals(new double[] {out[3 * row], out[3 * row + 1], out[3 * row + 2]}, e.evaluate(x1, x2));
        }
        assertThrows(IllegalArgumentException.class, () -> e.evaluate(1));
        assertThrows(IllegalArgumentException.class, () -> e.evaluateMany(x, count + 1, out));
    }

    @Test
    void exactEvaluationIsExactWhereDoublesAreNot() {
        // 0.1 + 0.2 − 0.3 is 5.55e-17 in doubles, 0 exactly
        AdmissibleNetwork n = AdmissibleFile.parse("""
                {"format": "admissible", "inputs": 1, "neurons": [
                 {"weights": {"1": "0.1"}, "bias": "0.2", "activation": "identity"},
                 {"weights": {"2": "1"}, "bias": "-0.3", "activation": "relu"},
                 {"weights": {"2": "-1"}, "bias": "0.3", "activation": "relu"}], "outputs": [3, 4]}""");
        BigDecimal[] exact = new ExactEvaluator(n).evaluate(BigDecimal.ONE);
        assertEquals(0, exact[0].signum());
        assertEquals(0, exact[1].signum());
        assertTrue(new DoubleEvaluator(n).evaluate(1)[0] > 0);
    }

    @Test
    void exactEvaluationRefusesSmoothActivationsNamingTheNeuron() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new ExactEvaluator(mixed()));
        assertEquals("neurons[1] (node 4).activation", e.field());
        assertTrue(e.getMessage().contains("sin") && e.getMessage().contains("identity and relu"), e.getMessage());
    }
}

package io.weights2eq.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.FloatArrayList;
import java.math.BigDecimal;

/** Asserts that a record is self-consistent: text, coefficients, tokens and every sample agree. */
final class EquationChecks {
    private EquationChecks() {}

    static void assertConsistent(Equation eq, int samples) {
        Polynomial p = Polynomial.parse(eq.getCanonicalText());
        assertEquals(eq.getCanonicalText(), p.toCanonicalText(), "canonical text of " + eq.getId());
        for (int power = 0; power < eq.getCoefficients().size(); power++) {
            assertEquals(
                    0,
                    new BigDecimal(eq.getCoefficients().get(power)).compareTo(p.coefficient(power)),
                    "coefficient " + power + " of " + eq.getId());
        }
        assertEquals(
                eq.getCanonicalText(),
                Vocabulary.decode(
                        eq.getTokenIds().stream().mapToInt(Integer::intValue).toArray()));
        float[] x = FloatArrayList.toFloatArray(eq.getX());
        float[] y = FloatArrayList.toFloatArray(eq.getY());
        assertEquals(samples, x.length);
        assertEquals(samples, y.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(exact(p, x[i]), y[i], 0f, "sample " + i + " of " + eq.getId());
        }
    }

    /** The exact value at the float32 x, rounded once to float32. */
    private static float exact(Polynomial p, float x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = BigDecimal.ONE;
        for (int k = 0; k <= p.degree(); k++) {
            sum = sum.add(p.coefficient(k).multiply(power));
            power = power.multiply(bx);
        }
        return sum.floatValue(); // BigDecimal.floatValue rounds correctly
    }
}

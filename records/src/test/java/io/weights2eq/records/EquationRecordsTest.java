package io.weights2eq.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.FloatArrayList;
import org.junit.jupiter.api.Test;

class EquationRecordsTest {
    private static final Limit SAMPLES = new Limit(SampleSpec.MAX_COUNT, "w2e.test.max-samples");
    private static final SampleSpec SPEC = new SampleSpec(100, -1, 1);

    private static Equation record() {
        GeneratedEquation eq = new EquationGenerator(EquationFamily.servant(), SPEC).generate(42, 3);
        return EquationRecords.toAvro("job-3", "job", 3, 42, EquationFamily.servant(), SPEC, eq);
    }

    @Test
    void anEquationSurvivesTheRoundTrip() {
        Equation record = record();
        EquationRecords.Samples samples = EquationRecords.samples(record, SAMPLES);
        assertArrayEquals(FloatArrayList.toFloatArray(record.getX()), samples.x());
        assertEquals(100, samples.y().length);
        assertEquals(
                record.getCanonicalText().toString(),
                EquationRecords.canonicalPolynomial(record.getCanonicalText()).toCanonicalText());
        assertEquals(EquationFamily.servant(), EquationRecords.toDomain(record.getFamily()));
    }

    @Test
    void aCubicKeepsItsFamilyAndAllFourCoefficients() {
        EquationFamily cubic = EquationFamily.cubic();
        GeneratedEquation eq = new EquationGenerator(cubic, SPEC).generate(42, 3);
        Equation record = EquationRecords.toAvro("job-3", "job", 3, 42, cubic, SPEC, eq);
        assertEquals("cubic", record.getFamily().getMode());
        assertEquals(cubic, EquationRecords.toDomain(record.getFamily()));
        assertEquals(4, record.getCoefficients().size());
        assertEquals("1", record.getCoefficients().get(3));
        assertEquals(eq.polynomial(), EquationRecords.canonicalPolynomial(record.getCanonicalText()));
    }

    @Test
    void theKeyMustBeTheEquationId() {
        assertEquals(
                "key: must equal the equation id 'job-3', was 'job-4'",
                assertThrows(InvalidRecordException.class, () -> EquationRecords.requireKey("job-4", record()))
                        .getMessage());
        assertThrows(InvalidRecordException.class, () -> EquationRecords.requireKey(null, record()));
        EquationRecords.requireKey("job-3", record());
    }

    @Test
    void samplesAboveTheLimitOrOutsideTheRangeAreRejectedByName() {
        String tooMany = assertThrows(
                        InvalidRecordException.class,
                        () -> EquationRecords.samples(record(), new Limit(10, "w2e.test.max-samples")))
                .getMessage();
        assertTrue(tooMany.contains("w2e.test.max-samples"), tooMany);
        Equation outside = record();
        float[] x = FloatArrayList.toFloatArray(outside.getX());
        x[7] = 2f;
        outside.setX(FloatArrayList.wrap(x));
        assertTrue(assertThrows(InvalidRecordException.class, () -> EquationRecords.samples(outside, SAMPLES))
                .getMessage()
                .startsWith("x: sample 7 = 2.0 is outside the equation's range"));
    }

    @Test
    void theTextMustBeCanonical() {
        assertTrue(assertThrows(InvalidRecordException.class, () -> EquationRecords.canonicalPolynomial("x*x"))
                .getMessage()
                .startsWith("canonicalText: 'x*x' is not canonical"));
        assertTrue(assertThrows(InvalidRecordException.class, () -> EquationRecords.canonicalPolynomial("x +"))
                .getMessage()
                .startsWith("canonicalText: "));
    }
}

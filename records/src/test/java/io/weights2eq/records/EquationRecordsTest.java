package io.weights2eq.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.FloatArrayList;
import java.util.List;
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
    void aRecordWithoutDomainHasOneInputOnItsRange() {
        Equation record = record();
        assertEquals(
                InputDomain.of(-1, 1), EquationRecords.samples(record, SAMPLES).domain());
        record.setXMin(-2);
        record.setXMax(3);
        assertEquals(InputDomain.of(-2, 3), EquationRecords.domain(record));
        record.setXMin(3);
        assertEquals(
                "xMin, xMax: finite with xMin < xMax, was [3.0, 3.0]",
                assertThrows(InvalidRecordException.class, () -> EquationRecords.domain(record))
                        .getMessage());
    }

    /** Two inputs: x sample-major, each input inside its own interval. */
    @Test
    void twoInputSamplesAreCheckedAgainstTheirOwnInterval() {
        Equation record = record(); // 100 values of x: 50 samples of two inputs
        float[] x = FloatArrayList.toFloatArray(record.getX());
        for (int i = 1; i < x.length; i += 2) {
            x[i] = 2 + x[i]; // input 2 on [1, 3]
        }
        record.setX(FloatArrayList.wrap(x));
        record.setY(FloatArrayList.wrap(new float[50]));
        record.setDomain(List.of(interval(-1, 1), interval(1, 3)));
        EquationRecords.Samples samples = EquationRecords.samples(record, SAMPLES);
        assertEquals(new InputDomain(List.of(Interval.UNIT, new Interval(1, 3))), samples.domain());
        assertArrayEquals(x, samples.x());

        record.setDomain(List.of(interval(-1, 1), interval(1.5, 3)));
        int outside = -1;
        for (int i = 1; i < x.length && outside < 0; i += 2) {
            outside = x[i] < 1.5 ? i : -1;
        }
        int k = outside;
        assertEquals(
                "x: sample " + k / 2 + " input 2 = " + x[k] + " is outside the equation's domain [1.5, 3.0]",
                assertThrows(InvalidRecordException.class, () -> EquationRecords.samples(record, SAMPLES))
                        .getMessage());
        record.setDomain(List.of(interval(-1, 1), interval(1, 3)));
        record.setY(FloatArrayList.wrap(new float[49]));
        assertTrue(assertThrows(InvalidRecordException.class, () -> EquationRecords.samples(record, SAMPLES))
                .getMessage()
                .startsWith("x: must hold 2 values per sample"));
        record.setDomain(List.of(interval(-1, 1), interval(1, 3), interval(0, 1)));
        assertEquals(
                "domain: 1 to 2 intervals (one per input), was 3",
                assertThrows(InvalidRecordException.class, () -> EquationRecords.domain(record))
                        .getMessage());
        record.setDomain(List.of(interval(-1, 1), interval(3, 1)));
        assertEquals(
                "domain[1]: lo and hi finite with lo < hi, was [3.0, 1.0]",
                assertThrows(InvalidRecordException.class, () -> EquationRecords.domain(record))
                        .getMessage());
    }

    private static io.weights2eq.schema.avro.Interval interval(double lo, double hi) {
        return new io.weights2eq.schema.avro.Interval(lo, hi);
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

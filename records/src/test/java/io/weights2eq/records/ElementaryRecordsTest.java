package io.weights2eq.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.expression.ExpressionVocabulary;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.FloatArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementaryRecordsTest {
    private static final InputDomain TWO = new InputDomain(List.of(new Interval(-1, 1), new Interval(0.5, 2)));
    private static final SampleSpec SPEC = SampleSpec.of(50, TWO);

    @Test
    void anElementaryEquationOfTwoInputsKeepsItsTextDomainAndSampleMajorX() {
        EquationFamily family = EquationFamily.elementary();
        GeneratedEquation eq = new EquationGenerator(family, SPEC).generate(42, 3);
        Equation record = EquationRecords.toAvro("job-3", "job", 3, 42, family, SPEC, eq);
        assertEquals(List.of(), record.getCoefficients());
        assertEquals("elementary", record.getFamily().getMode());
        assertEquals(family, EquationRecords.toDomain(record.getFamily()));
        assertEquals(TWO, EquationRecords.domain(record));
        assertArrayEquals(
                ExpressionVocabulary.encode(eq.canonicalText()),
                record.getTokenIds().stream().mapToInt(Integer::intValue).toArray());
        assertEquals(100, record.getX().size());
        assertArrayEquals(eq.x(), FloatArrayList.toFloatArray(record.getX()));
        assertEquals(eq.expression(), EquationRecords.canonicalExpression(record.getCanonicalText(), 2));
    }

    @Test
    void aPolynomialRecordLeavesTheDomainEmpty() {
        SampleSpec spec = new SampleSpec(20, -1, 1);
        GeneratedEquation eq = new EquationGenerator(EquationFamily.servant(), spec).generate(1, 0);
        Equation record = EquationRecords.toAvro("j-0", "j", 0, 1, EquationFamily.servant(), spec, eq);
        assertEquals(List.of(), record.getDomain());
        assertEquals(InputDomain.unit(1), EquationRecords.domain(record));
    }

    @Test
    void badTextsAndDomainsAreRefusedByField() {
        InvalidRecordException notCanonical =
                assertThrows(InvalidRecordException.class, () -> EquationRecords.canonicalExpression("x*x", 1));
        assertEquals("canonicalText: 'x*x' is not canonical (canonical: 'x^2')", notCanonical.getMessage());
        InvalidRecordException syntax =
                assertThrows(InvalidRecordException.class, () -> EquationRecords.canonicalExpression("x+", 1));
        assertTrue(syntax.getMessage().startsWith("canonicalText: at position 2: expected "), syntax.getMessage());
        InvalidRecordException interval = assertThrows(
                InvalidRecordException.class,
                () -> DomainRecords.toDomain(
                        List.of(
                                new io.weights2eq.schema.avro.Interval(-1.0, 1.0),
                                new io.weights2eq.schema.avro.Interval(2.0, 1.0)),
                        InputDomain.unit(1)));
        assertEquals("domain[1]: lo and hi finite with lo < hi, was [2.0, 1.0]", interval.getMessage());
    }
}

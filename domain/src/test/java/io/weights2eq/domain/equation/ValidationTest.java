package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

    private static final BigDecimal MINUS_FIVE = new BigDecimal("-5");
    private static final BigDecimal FIVE = new BigDecimal("5");

    private static EquationFamily family(
            int degree,
            String min,
            String max,
            double whole,
            double decimal,
            int decimalDigits,
            double fraction,
            int fractionDigits,
            double absent) {
        return new EquationFamily(
                SamplingMode.UNIFORM_LENGTH,
                degree,
                min == null ? null : new BigDecimal(min),
                max == null ? null : new BigDecimal(max),
                whole,
                decimal,
                decimalDigits,
                fraction,
                fractionDigits,
                absent);
    }

    @Test
    void defaultsAreAsDocumentedAndValid() {
        EquationFamily d = EquationFamily.defaults();
        assertEquals(new EquationFamily(SamplingMode.UNIFORM_LENGTH, 2, MINUS_FIVE, FIVE, 1, 1, 1, 1, 2, 0.25), d);
        assertEquals(List.of(), d.validate());
        assertEquals(
                d,
                new EquationFamily(
                        SamplingMode.UNIFORM_LENGTH,
                        2,
                        new BigDecimal("-5.00"),
                        new BigDecimal("5.0"),
                        1,
                        1,
                        1,
                        1,
                        2,
                        0.25),
                "bounds compare by value");
        EquationFamily s = EquationFamily.servant();
        assertEquals(SamplingMode.SERVANT, s.mode());
        assertEquals(2, s.degree());
        assertEquals(0, s.fractionWeight());
        assertEquals(0, s.absentProbability());
        assertEquals(List.of(), s.validate());
        assertEquals(new SampleSpec(5000, -1, 1), SampleSpec.defaults());
        assertEquals(List.of(), SampleSpec.defaults().validate());
    }

    @Test
    void familyViolationsNameFieldAndLimit() {
        assertEquals(
                List.of(new Violation("degree", "must be between 0 and 4, was 7")),
                family(7, "-5", "5", 1, 1, 1, 1, 2, 0.25).validate());
        assertEquals(
                List.of(new Violation("coefficientMax", "must be greater than coefficientMin (5), was 5")),
                family(2, "5", "5", 1, 1, 1, 1, 2, 0.25).validate());
        assertEquals(
                List.of(new Violation("coefficientMin", "must be between -1000 and 1000, was -1000.5")),
                family(2, "-1000.5", "5", 1, 1, 1, 1, 2, 0.25).validate());
        assertEquals(
                List.of(new Violation("coefficientMax", "must be set")),
                family(2, "-5", null, 1, 1, 1, 1, 2, 0.25).validate());
        assertEquals(
                List.of(new Violation("decimalDigits", "must be between 1 and 6, was 0")),
                family(2, "-5", "5", 1, 1, 0, 1, 2, 0.25).validate());
        assertEquals(
                List.of(new Violation("fractionDigits", "must be between 1 and 6, was 7")),
                family(2, "-5", "5", 1, 1, 1, 1, 7, 0.25).validate());
        assertEquals(
                List.of(new Violation("fractionDigits", "must be greater than decimalDigits (3), was 2")),
                family(2, "-5", "5", 1, 1, 3, 1, 2, 0.25).validate());
        assertEquals(
                List.of(new Violation("decimalWeight", "must be a finite number >= 0, was -1.0")),
                family(2, "-5", "5", 1, -1, 1, 1, 2, 0.25).validate());
        assertEquals(
                List.of(new Violation("fractionWeight", "must be a finite number >= 0, was NaN")),
                family(2, "-5", "5", 1, 1, 1, Double.NaN, 2, 0.25).validate());
        assertEquals(
                "wholeWeight",
                family(2, "-5", "5", 0, 0, 1, 0, 2, 0.25).validate().get(0).field());
        assertEquals(
                List.of(new Violation("absentProbability", "must be at least 0 and less than 1, was 1.0")),
                family(2, "-5", "5", 1, 1, 1, 1, 2, 1).validate());
        assertEquals(
                "absentProbability",
                family(2, "-5", "5", 1, 1, 1, 1, 2, -0.1).validate().get(0).field());
        assertEquals(
                "mode",
                new EquationFamily(null, 2, MINUS_FIVE, FIVE, 1, 1, 1, 1, 2, 0)
                        .validate()
                        .get(0)
                        .field());
    }

    @Test
    void familyNeedsAnAchievableCoefficient() {
        List<Violation> none = family(2, "0.1", "0.5", 1, 0, 1, 0, 2, 0.25).validate();
        assertEquals(
                List.of(new Violation(
                        "coefficients", "no non-zero coefficient of a kind with weight > 0 lies in [0.1, 0.5]")),
                none);
        assertEquals(List.of(), family(2, "0.1", "0.5", 1, 1, 1, 0, 2, 0.25).validate(), "0.1 .. 0.5 are decimals");
        assertEquals(List.of(), family(0, "0", "0.01", 0, 0, 1, 1, 2, 0).validate(), "only 0.01 is achievable");
        assertEquals(1, family(0, "0", "0.009", 0, 0, 1, 1, 2, 0).validate().size());
    }

    @Test
    void allFamilyViolationsAreReportedAtOnce() {
        EquationFamily bad = family(9, "3", "-3", -1, 1, 9, 1, 2, 2);
        List<String> fields = bad.validate().stream().map(Violation::field).toList();
        assertEquals(List.of("degree", "coefficientMax", "decimalDigits", "wholeWeight", "absentProbability"), fields);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::requireValid);
        assertTrue(
                e.getMessage().startsWith("invalid equation family: degree must be between 0 and 4, was 9; "),
                e.getMessage());
    }

    @Test
    void sampleSpecViolationsNameFieldAndLimit() {
        assertEquals(
                List.of(new Violation("count", "must be between 1 and 50000, was 0")),
                new SampleSpec(0, -1, 1).validate());
        assertEquals(
                List.of(new Violation("count", "must be between 1 and 50000, was 50001")),
                new SampleSpec(50_001, -1, 1).validate());
        assertEquals(
                List.of(new Violation("xMin", "must be a finite number, was NaN")),
                new SampleSpec(10, Double.NaN, 1).validate());
        assertEquals(
                List.of(new Violation("xMax", "must be a finite number, was Infinity")),
                new SampleSpec(10, -1, Double.POSITIVE_INFINITY).validate());
        assertEquals(
                List.of(new Violation("xMax", "must be greater than xMin (1.0), was 1.0")),
                new SampleSpec(10, 1, 1).validate());
        assertEquals(
                List.of(new Violation("xMin", "must be between -1000000 and 1000000, was -2000000.0")),
                new SampleSpec(10, -2e6, 1).validate());
        assertEquals(List.of(), new SampleSpec(1, -1e6, 1e6).validate());
        assertEquals(List.of(), new SampleSpec(50_000, 0, 1e-3).validate());
    }

    @Test
    void samplingModeLabels() {
        assertEquals("uniform-length", SamplingMode.UNIFORM_LENGTH.label());
        assertEquals("servant", SamplingMode.SERVANT.label());
        assertEquals(SamplingMode.SERVANT, SamplingMode.fromLabel("servant"));
        assertEquals(SamplingMode.UNIFORM_LENGTH, SamplingMode.fromLabel("uniform-length"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SamplingMode.fromLabel("UNIFORM_LENGTH"));
        assertEquals(
                "unknown sampling mode 'UNIFORM_LENGTH', expected one of uniform-length, servant, cubic, elementary",
                e.getMessage());
    }

    @Test
    void coefficientKindsReadTheirDigitsAndWeights() {
        EquationFamily f = family(2, "-5", "5", 0.5, 2, 3, 4, 5, 0);
        assertEquals(0, CoefficientKind.WHOLE.decimals(f));
        assertEquals(3, CoefficientKind.DECIMAL.decimals(f));
        assertEquals(5, CoefficientKind.FRACTION.decimals(f));
        assertEquals(0.5, CoefficientKind.WHOLE.weight(f));
        assertEquals(2, CoefficientKind.DECIMAL.weight(f));
        assertEquals(4, CoefficientKind.FRACTION.weight(f));
    }
}

package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleChecksTest {
    private static final String SETTING = "w2e.test.max-samples";

    @Test
    void validSamplesPass() {
        assertTrue(SampleChecks.check(new float[] {0, 1, 2}, new float[] {1, 2, 3}, 3, SETTING)
                .isEmpty());
    }

    @Test
    void eachBrokenRuleNamesTheFieldAndTheLimit() {
        assertEquals(
                List.of(new Violation("y", "must have as many samples as x (3), was 2")),
                SampleChecks.check(new float[] {0, 1, 2}, new float[] {1, 2}, 10, SETTING));
        assertEquals(
                List.of(new Violation("x", "at most 2 samples (" + SETTING + "), was 3")),
                SampleChecks.check(new float[] {0, 1, 2}, new float[] {1, 2, 3}, 2, SETTING));
        assertEquals(
                List.of(new Violation("y", "sample 1 is not finite")),
                SampleChecks.check(new float[] {0, 1, 2}, new float[] {1, Float.NaN, 3}, 3, SETTING));
        assertEquals(
                List.of(new Violation("x", "sample 2 is not finite")),
                SampleChecks.check(new float[] {0, 1, Float.NEGATIVE_INFINITY}, new float[] {1, 2, 3}, 3, SETTING));
    }

    @Test
    void twoInputsAreTwoValuesOfXPerSample() {
        float[] x = {0, 1, 2, 3, 4, 5}; // (0, 1), (2, 3), (4, 5)
        assertTrue(SampleChecks.check(x, new float[] {1, 2, 3}, 2, 3, SETTING).isEmpty());
        assertEquals(
                List.of(new Violation(
                        "x",
                        "must hold 2 values per sample (sample-major, x[i*2 + j]), 4 for the 2"
                                + " samples of y, was 6")),
                SampleChecks.check(x, new float[] {1, 2}, 2, 10, SETTING));
        assertEquals(
                List.of(new Violation("x", "at most 2 samples (" + SETTING + "), was 3")),
                SampleChecks.check(x, new float[] {1, 2, 3}, 2, 2, SETTING));
        float[] nan = x.clone();
        nan[3] = Float.NaN; // input 1 of sample 1
        assertEquals(
                List.of(new Violation("x", "sample 1 is not finite")),
                SampleChecks.check(nan, new float[] {1, 2, 3}, 2, 3, SETTING));
    }

    @Test
    void aLongerYIsTheOversizedField() {
        List<Violation> v = SampleChecks.check(new float[] {0}, new float[] {1, 2, 3}, 2, SETTING);
        assertEquals(2, v.size());
        assertEquals("y", v.get(1).field());
    }
}

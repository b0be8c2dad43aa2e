package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The helper the distribution tests rely on, checked against printed chi-square tables. */
class ChiSquareTest {

    @Test
    void criticalValuesMatchTables() {
        assertEquals(23.209, ChiSquare.criticalValue99(10), 0.05);
        assertEquals(37.566, ChiSquare.criticalValue99(20), 0.05);
        assertEquals(50.892, ChiSquare.criticalValue99(30), 0.05);
        assertEquals(135.807, ChiSquare.criticalValue99(100), 0.1);
    }

    @Test
    void statisticOfAPerfectFitIsZeroAndGrowsWithDeviation() {
        assertEquals(0, ChiSquare.statistic(new long[] {50, 50}, new double[] {0.5, 0.5}), 0);
        assertEquals(4, ChiSquare.statistic(new long[] {60, 40}, new double[] {0.5, 0.5}), 1e-12);
    }
}

package io.weights2eq.domain.admissible;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The output value of each cell of a chain (cell 0 the lowest): within {@link CubicRootNetwork#tolerance()} of
 * every root in it, chosen so that the output neuron's parameters — the top value as its bias, each step between
 * neighbours as a weight — have the fewest digits in all (dynamic programming over hundredths in each window).
 */
final class CellValues {
    private static final BigDecimal HUNDREDTH = new BigDecimal("0.01");

    private CellValues() {}

    /** @throws IllegalStateException naming a cell whose roots span 0.2 or more (no value fits them all) */
    static BigDecimal[] choose(List<List<Double>> cells) {
        int n = cells.size();
        List<List<BigDecimal>> candidates = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            candidates.add(cells.get(k).isEmpty() ? null : window(k, cells.get(k)));
        }
        // an empty cell is never reached: it takes a neighbour's candidates, so one of its steps can be 0 (free)
        for (int k = 0; k < n; k++) {
            if (candidates.get(k) == null) {
                int from = k;
                while (from < n && candidates.get(from) == null) {
                    from++;
                }
                candidates.set(k, from < n ? candidates.get(from) : candidates.get(k - 1));
            }
        }
        // best[k][i]: fewest digits of the steps from cell k up, plus the top value, with cell k at candidate i
        long[][] best = new long[n][];
        int[][] next = new int[n][];
        best[n - 1] = new long[candidates.get(n - 1).size()];
        for (int i = 0; i < best[n - 1].length; i++) {
            best[n - 1][i] = Precision.of(candidates.get(n - 1).get(i));
        }
        for (int k = n - 2; k >= 0; k--) {
            List<BigDecimal> here = candidates.get(k);
            List<BigDecimal> above = candidates.get(k + 1);
            best[k] = new long[here.size()];
            next[k] = new int[here.size()];
            for (int i = 0; i < here.size(); i++) {
                best[k][i] = Long.MAX_VALUE;
                for (int j = 0; j < above.size(); j++) {
                    long cost = best[k + 1][j] + Precision.of(here.get(i).subtract(above.get(j)));
                    if (cost < best[k][i]) {
                        best[k][i] = cost;
                        next[k][i] = j;
                    }
                }
            }
        }
        int i = 0;
        for (int c = 1; c < best[0].length; c++) {
            if (best[0][c] < best[0][i]) {
                i = c;
            }
        }
        BigDecimal[] values = new BigDecimal[n];
        for (int k = 0; k < n; k++) {
            values[k] = candidates.get(k).get(i);
            if (k < n - 1) {
                i = next[k][i];
            }
        }
        return values;
    }

    /** The hundredths strictly within the tolerance of every root, the window's centre first (ties go there). */
    private static List<BigDecimal> window(int cell, List<Double> roots) {
        BigDecimal tolerance = CubicRootNetwork.tolerance();
        double min = roots.stream().mapToDouble(r -> r).min().orElseThrow();
        double max = roots.stream().mapToDouble(r -> r).max().orElseThrow();
        BigDecimal low = new BigDecimal(max).subtract(tolerance);
        BigDecimal high = new BigDecimal(min).add(tolerance);
        List<BigDecimal> values = new ArrayList<>();
        for (BigDecimal v =
                        low.divide(HUNDREDTH, 0, java.math.RoundingMode.FLOOR).multiply(HUNDREDTH);
                v.compareTo(high) < 0;
                v = v.add(HUNDREDTH)) {
            if (v.compareTo(low) > 0) {
                values.add(v.stripTrailingZeros());
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("cell " + cell + ": its " + roots.size() + " largest roots run from " + min
                    + " to " + max + ", no value is within " + tolerance + " of them all");
        }
        BigDecimal centre = low.add(high).divide(BigDecimal.valueOf(2));
        values.sort(Comparator.comparing(v -> v.subtract(centre).abs()));
        return values;
    }
}

package io.weights2eq.domain.admissible;

import io.weights2eq.domain.equation.roots.SeedCubics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seed 001's challenge: an admissible network (identity and relu only) whose output at inputs (a, b, c) is within
 * 0.1 of the largest root of p(x) = x³ + ax² + bx + c, for every whole a, b, c in [−10, 10].
 *
 * <ol>
 *   <li><b>Samples.</b> p on the odd tenths t = −10.9, −10.7, …, 10.9 (just inside the range of the largest roots).
 *       An odd tenth is never a root (a rational root of a monic integer cubic is whole), and 1000·p(t) is whole,
 *       so q = 1000·p(t) − 1 ≥ 0 exactly when p(t) &gt; 0. q is a neuron at every other point (the mains, 0.4
 *       apart): three identity neurons scale the inputs once (10a, 100b, 1000c), four consecutive mains read them
 *       (weights (10t)², 10t, 1, bias 1000t³ − 1) where those digits are fewest, and every other main is the exact
 *       finite-difference recurrence q_j = −q_{j−4} + 4q_{j−3} − 6q_{j−2} + 4q_{j−1}, forwards and backwards
 *       (4 digits; the weights sum to 1, so the −1 carries through).
 *   <li><b>Signs.</b> u = relu(−q) at a main: 0 when p(t) &gt; 0, at least 1 otherwise. At a point between two
 *       mains, u = relu(q₀ − 9q₁ − 9q₂ + q₃), the exact cubic interpolation from four mains times 16
 *       ({@link Interpolation}; one-sided at the ends): the same test, and no q neuron of its own.
 *   <li><b>Chain.</b> From the top, y = relu(y_above − u) (the top one relu(1 − u): p &gt; 0 above every largest
 *       root): y = 1 exactly when p &gt; 0 at this point and every one above. So the y that are 1 are those above
 *       t*, the largest point with p(t*) ≤ 0, and the largest root lies in [t*, next point).
 *   <li><b>Output.</b> bias + Σ w·y, the bias the top cell's value and each w the step between two cells' values:
 *       a cell's value is within 0.1 of every largest root that falls in it, with the fewest digits (a dynamic
 *       programme over the cells).
 *   <li><b>Where p touches zero.</b> A double largest root r ((x − r)²(x − s), r &gt; s) has no sign change, and
 *       two roots inside one cell leave p positive at both its ends: for these the odd tenths see the wrong cell.
 *       The whole number r in that cell is tested too: p(r) is whole there, u = relu(1 − p(r)) reads a, b, c
 *       directly, and it joins the link of the odd tenth r − 0.1, whose cell [r − 0.1, r + 0.1) has r in its
 *       middle.
 * </ol>
 *
 * <p>Everything is derived from the 9,261 roots ({@link SeedCubics}) and checked against them by {@link
 * CubicRootCheck}; the construction throws if a cell cannot be given a value.
 */
public final class CubicRootNetwork {
    /** Samples in tenths: odd tenths, 0.2 apart. */
    private static final int STEP = 2;

    private static final BigDecimal TOLERANCE = new BigDecimal("0.1");

    private CubicRootNetwork() {}

    /** The network for seed 001's 9,261 cubics. */
    public static AdmissibleNetwork build() {
        return build(SeedCubics.all());
    }

    /** The network for these cubics and their largest roots. */
    static AdmissibleNetwork build(List<SeedCubics.Entry> cubics) {
        double min = cubics.stream().mapToDouble(e -> e.root().value()).min().orElseThrow();
        double max = cubics.stream().mapToDouble(e -> e.root().value()).max().orElseThrow();
        // the lowest odd tenth above the smallest root and the highest below the largest: the end cells, below the
        // first point and from the last one up, are then narrower than 0.2
        int low = oddTenthAbove(min);
        int high = -oddTenthAbove(-max);
        List<Integer> grid = new ArrayList<>();
        for (int t = low; t <= high; t += STEP) {
            grid.add(t);
        }
        TreeSet<Integer> wholes = wholePointsNeeded(cubics, grid);

        AdmissibleNetwork.Builder net = AdmissibleNetwork.builder(3);
        Map<Integer, Integer> u = signs(net, grid);
        // each link of the chain tests its odd tenth and, where one was needed, the whole number 0.1 above it: that
        // link's cell is then [t, t + 0.2) with r in its middle, so one value serves both (no link of its own)
        List<List<Integer>> links = new ArrayList<>();
        for (int t : grid) {
            links.add(new ArrayList<>(List.of(t)));
        }
        for (int r : wholes) {
            int below = grid.indexOf(10 * r - 1);
            if (below < 0) {
                throw new IllegalStateException("the whole point " + r + " lies outside the grid");
            }
            links.get(below).add(10 * r);
            Map<Integer, BigDecimal> w = new HashMap<>();
            w.put(3, BigDecimal.ONE.negate());
            if (r != 0) {
                w.put(1, BigDecimal.valueOf(-(long) r * r));
                w.put(2, BigDecimal.valueOf(-r));
            }
            u.put(10 * r, net.add(w, BigDecimal.valueOf(1 - (long) r * r * r), AdmissibleActivation.RELU));
        }
        int[] y = new int[links.size()];
        for (int k = links.size() - 1; k >= 0; k--) {
            int above = k == links.size() - 1 ? -1 : y[k + 1];
            Map<Integer, BigDecimal> w = new HashMap<>();
            for (int t : links.get(k)) {
                w.put(u.get(t), BigDecimal.ONE.negate());
            }
            if (above > 0) {
                w.put(above, BigDecimal.ONE);
            }
            y[k] = net.add(w, above > 0 ? BigDecimal.ZERO : BigDecimal.ONE, AdmissibleActivation.RELU);
        }
        BigDecimal[] values = CellValues.choose(cellRoots(cubics, links));
        // values[0] is the cell below the first link, values[k + 1] the cell from link k up
        Map<Integer, BigDecimal> out = new TreeMap<>();
        for (int k = 0; k < links.size(); k++) {
            BigDecimal step = values[k].subtract(values[k + 1]);
            if (step.signum() != 0) {
                out.put(y[k], step);
            }
        }
        net.output(net.add(out, values[links.size()], AdmissibleActivation.IDENTITY));
        return net.build();
    }

    /**
     * The sign neurons of every grid point (tenths): q at every other point (the mains, 0.4 apart) by the
     * recurrence, u = relu(−q) there; at the points between, u = relu(−Σ wᵢqᵢ) straight from four mains, the
     * cubic's exact interpolation scaled to whole weights (−1, 9, 9, −1 in the middle). Returns point → u's node.
     */
    private static Map<Integer, Integer> signs(AdmissibleNetwork.Builder net, List<Integer> grid) {
        List<Integer> mains = new ArrayList<>();
        for (int j = 0; j < grid.size(); j += 2) {
            mains.add(grid.get(j));
        }
        int[] q = samples(net, mains);
        Map<Integer, Integer> u = new HashMap<>();
        for (int j = 0; j < grid.size(); j++) {
            Map<Integer, BigDecimal> w = new HashMap<>();
            if (j % 2 == 0) {
                w.put(q[j / 2], BigDecimal.ONE.negate());
            } else {
                int first = Interpolation.cheapest(mains, grid.get(j));
                long[] weights = Interpolation.weights(mains, first, grid.get(j));
                for (int i = 0; i < 4; i++) {
                    w.put(q[first + i], BigDecimal.valueOf(-weights[i]));
                }
            }
            u.put(grid.get(j), net.add(w, BigDecimal.ZERO, AdmissibleActivation.RELU));
        }
        return u;
    }

    /** q = 1000·p(t) − 1 at each of the equally spaced points (tenths), as identity neurons; returns their nodes. */
    private static int[] samples(AdmissibleNetwork.Builder net, List<Integer> points) {
        int n = points.size();
        int first = cheapestSeeds(points);
        int[] q = new int[n];
        // 1000·p(t/10) = t³ + t²·(10a) + t·(100b) + 1000c for t in tenths: the scales once, then one-digit weights
        int tenA = net.add(Map.of(1, BigDecimal.TEN), BigDecimal.ZERO, AdmissibleActivation.IDENTITY);
        int hundredB = net.add(Map.of(2, BigDecimal.valueOf(100)), BigDecimal.ZERO, AdmissibleActivation.IDENTITY);
        int thousandC = net.add(Map.of(3, BigDecimal.valueOf(1000)), BigDecimal.ZERO, AdmissibleActivation.IDENTITY);
        for (int j = first; j < first + 4; j++) {
            long t = points.get(j);
            q[j] = net.add(
                    Map.of(tenA, BigDecimal.valueOf(t * t), hundredB, BigDecimal.valueOf(t), thousandC, BigDecimal.ONE),
                    BigDecimal.valueOf(t * t * t - 1),
                    AdmissibleActivation.IDENTITY);
        }
        // outwards, alternating, so each recurrence reads four samples already made
        for (int up = first + 4, down = first - 1; up < n || down >= 0; up++, down--) {
            if (up < n) {
                q[up] = recurrence(net, q[up - 4], q[up - 3], q[up - 2], q[up - 1]);
            }
            if (down >= 0) {
                q[down] = recurrence(net, q[down + 4], q[down + 3], q[down + 2], q[down + 1]);
            }
        }
        return q;
    }

    /**
     * q_j = −q_{j−4} + 4q_{j−3} − 6q_{j−2} + 4q_{j−1} (Δ⁴ of a cubic is 0); the same with the four samples on the
     * other side going down.
     */
    private static int recurrence(AdmissibleNetwork.Builder net, int far, int third, int second, int near) {
        return net.add(
                Map.of(
                        far, BigDecimal.valueOf(-1),
                        third, BigDecimal.valueOf(4),
                        second, BigDecimal.valueOf(-6),
                        near, BigDecimal.valueOf(4)),
                BigDecimal.ZERO,
                AdmissibleActivation.IDENTITY);
    }

    /** The first of the four consecutive points whose direct samples cost the fewest digits. */
    private static int cheapestSeeds(List<Integer> grid) {
        int best = 0;
        long bestCost = Long.MAX_VALUE;
        for (int j = 0; j + 4 <= grid.size(); j++) {
            long cost = 0;
            for (int i = j; i < j + 4; i++) {
                long t = grid.get(i);
                cost += Precision.of(BigDecimal.valueOf(10 * t * t))
                        + Precision.of(BigDecimal.valueOf(100 * t))
                        + Precision.of(BigDecimal.valueOf(1000))
                        + Precision.of(BigDecimal.valueOf(t * t * t - 1));
            }
            if (cost < bestCost) {
                best = j;
                bestCost = cost;
            }
        }
        return best;
    }

    /**
     * The whole numbers to add: for each cubic whose largest root is not in [t*, t* + 0.2), t* its largest odd
     * tenth with p ≤ 0, the whole number inside the root's cell.
     */
    private static TreeSet<Integer> wholePointsNeeded(List<SeedCubics.Entry> cubics, List<Integer> grid) {
        TreeSet<Integer> wholes = new TreeSet<>();
        for (SeedCubics.Entry e : cubics) {
            Integer star = largestNonPositive(e, grid);
            double root = e.root().value();
            if (star != null && star / 10.0 < root && root < (star + STEP) / 10.0) {
                continue;
            }
            if (star == null && root < grid.get(0) / 10.0) {
                continue;
            }
            long whole = Math.round(root);
            if (Math.abs(root - whole) >= 0.1) {
                throw new IllegalStateException("no whole number in the cell of the largest root of " + e);
            }
            wholes.add((int) whole);
        }
        return wholes;
    }

    /** The largest point (tenths) where p ≤ 0, or null. */
    private static Integer largestNonPositive(SeedCubics.Entry e, List<Integer> points) {
        for (int k = points.size() - 1; k >= 0; k--) {
            if (thousandP(e, points.get(k)) <= 0) {
                return points.get(k);
            }
        }
        return null;
    }

    /** 1000·p(t/10), exactly. */
    private static long thousandP(SeedCubics.Entry e, long t) {
        return t * t * t + 10L * e.a() * t * t + 100L * e.b() * t + 1000L * e.c();
    }

    /** The largest roots falling in each cell: index 0 below the first link, k + 1 from link k up. */
    private static List<List<Double>> cellRoots(List<SeedCubics.Entry> cubics, List<List<Integer>> links) {
        List<List<Double>> cells = new ArrayList<>();
        for (int k = 0; k <= links.size(); k++) {
            cells.add(new ArrayList<>());
        }
        for (SeedCubics.Entry e : cubics) {
            int cell = 0;
            for (int k = links.size() - 1; k >= 0 && cell == 0; k--) {
                for (int t : links.get(k)) {
                    if (thousandP(e, t) <= 0) {
                        cell = k + 1;
                    }
                }
            }
            cells.get(cell).add(e.root().value());
        }
        return cells;
    }

    private static int oddTenthAbove(double x) {
        int t = (int) Math.floor(x * 10) + 1;
        return t % 2 != 0 ? t : t + 1;
    }

    static BigDecimal tolerance() {
        return TOLERANCE;
    }
}

package io.weights2eq.domain.decoding.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Which few dictionary terms explain a function: greedy forward selection (orthogonal matching pursuit on the
 * centred, unit-norm columns, the intercept always in) up to {@value #MAX_TERMS} terms, then an exhaustive search
 * over the few terms that matter — those most correlated with the function or with a residual of the greedy path —
 * for the best supports of 1 to {@value #EXHAUSTIVE_TERMS} terms. Greedy selection alone misses a pair whose sum
 * is far from either (sin(x)+sin(x+x^2)); the exhaustive search over a short list finds it. Returns, per size, the
 * supports of least residual ({@value #KEEP_SMALL} of 1 or 2 terms, {@value #KEEP_PER_SIZE} of more), the
 * {@value #KEEP_SIMPLEST} simplest within the tolerance of each size's best, and the greedy ones, best first.
 */
final class SparseRegression {
    static final int MAX_TERMS = 8;
    static final int EXHAUSTIVE_TERMS = 4;
    /**
     * Supports kept per size: many small ones fit a network alike (cos(x1)+x2 and 1-x1^2/2+x2 on [-1, 1]), so 10 of
     * 1 or 2 terms keep the simple one in; of 3 and 4 terms only 3, since more flexible ones that overfit the network
     * lower the best fit every candidate is accepted against (10 of every size lost Nguyen-4 and -5).
     */
    static final int KEEP_SMALL = 10;

    static final int KEEP_PER_SIZE = 3;

    /**
     * Beside them, per size, the supports of fewest tokens whose residual is within the tolerance of the best of
     * that size: a network's function is often fitted best by flexible look-alikes of its truth.
     */
    static final int KEEP_SIMPLEST = 3;

    private static final int TOP_BY_TARGET = 30;
    private static final int TOP_BY_RESIDUAL = 6;
    private static final int POOL_FOR_FOUR = 16;

    /** Term indices of the dictionary and the fraction of the centred target's sum of squares they leave. */
    record Support(int[] terms, double unexplained) {}

    private SparseRegression() {}

    static List<Support> supports(Dictionary dictionary, double[] y, DoubleUnaryOperator tolerance) {
        List<Dictionary.Term> terms = dictionary.terms;
        double mean = Arrays.stream(y).average().orElse(0);
        double[] centred = Arrays.stream(y).map(v -> v - mean).toArray();
        double total = LeastSquares.dot(centred, centred);
        if (!(total > 0)) {
            return List.of(new Support(new int[0], 0));
        }
        double[] byTarget = correlations(terms, centred);
        Set<Integer> pool = new LinkedHashSet<>(dictionary.simple);
        pool.addAll(top(byTarget, TOP_BY_TARGET, Set.of()));
        List<Support> out = new ArrayList<>();
        // greedy path
        List<Integer> chosen = new ArrayList<>();
        double[] residual = centred;
        for (int step = 0; step < MAX_TERMS; step++) {
            double[] c = correlations(terms, residual);
            List<Integer> best = top(c, TOP_BY_RESIDUAL, Set.copyOf(chosen));
            if (best.isEmpty()) {
                break;
            }
            pool.addAll(best);
            chosen.add(best.get(0));
            int[] support = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
            double[] beta = fitUnit(terms, support, centred);
            if (beta == null) {
                chosen.remove(chosen.size() - 1);
                break;
            }
            residual = residual(terms, support, beta, centred);
            double left = LeastSquares.dot(residual, residual) / total;
            out.add(new Support(support, left));
            if (left < 1e-28) {
                break;
            }
        }
        out.addAll(exhaustive(terms, new ArrayList<>(pool), centred, total, byTarget, dictionary, tolerance));
        for (int[] polynomial : dictionary.polynomials) {
            double[] beta = fitUnit(terms, polynomial, centred);
            if (beta != null) {
                double[] r = residual(terms, polynomial, beta, centred);
                out.add(new Support(polynomial, LeastSquares.dot(r, r) / total));
            }
        }
        out.sort(Comparator.comparingDouble(Support::unexplained));
        return out;
    }

    /** The best supports of 1..EXHAUSTIVE_TERMS terms from the pool, from its Gram matrix. */
    private static List<Support> exhaustive(
            List<Dictionary.Term> terms,
            List<Integer> pool,
            double[] centred,
            double total,
            double[] byTarget,
            Dictionary dictionary,
            DoubleUnaryOperator tolerance) {
        int p = pool.size();
        double[][] gram = new double[p][p];
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            double[] ui = terms.get(pool.get(i)).unit();
            for (int j = 0; j <= i; j++) {
                gram[i][j] = LeastSquares.dot(ui, terms.get(pool.get(j)).unit());
                gram[j][i] = gram[i][j];
            }
            b[i] = LeastSquares.dot(ui, centred);
        }
        List<List<Support>> bySize = new ArrayList<>();
        for (int k = 0; k <= EXHAUSTIVE_TERMS; k++) {
            bySize.add(new ArrayList<>());
        }
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -Math.abs(byTarget[pool.get(i)])));
        // the four-term search runs over the monomials (sums of powers are the common four-term case) and the
        // pool's first entries by correlation with the target
        List<Integer> small = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            int at = order[i];
            if (dictionary.isMonomial(pool.get(at)) || i < POOL_FOR_FOUR) {
                small.add(at);
            }
        }
        double[] scratch = new double[EXHAUSTIVE_TERMS * (EXHAUSTIVE_TERMS + 1)];
        // beside the best of each size, the simplest that fit about as well: the truth among the network's
        // overfitting look-alikes (x1+x2+cos(x2) beside x1+x2+sqrt(x2^2+1)). In the one pass, every support within
        // the tolerance of the best so far is noted (the best only improves, so this holds all within the final one)
        List<List<Support>> near = new ArrayList<>();
        for (int k = 0; k <= EXHAUSTIVE_TERMS; k++) {
            near.add(new ArrayList<>());
        }
        subsets(p, small, (idx, k) -> {
            double explained = explained(idx, k, gram, b, scratch);
            if (Double.isNaN(explained)) {
                return;
            }
            double unexplained = 1 - explained / total;
            keep(bySize.get(k), idx, k, unexplained, pool);
            if (unexplained <= tolerance.applyAsDouble(bySize.get(k).get(0).unexplained())) {
                near.get(k).add(new Support(terms(idx, k, pool), Math.max(unexplained, 0)));
            }
        });
        List<List<Support>> simplest = new ArrayList<>();
        for (int k = 0; k <= EXHAUSTIVE_TERMS; k++) {
            double limit = bySize.get(k).isEmpty()
                    ? -1
                    : tolerance.applyAsDouble(bySize.get(k).get(0).unexplained());
            List<Support> kept = new ArrayList<>();
            for (Support s : near.get(k)) {
                if (s.unexplained() <= limit) {
                    keepSimplest(kept, s, terms);
                }
            }
            simplest.add(kept);
        }
        List<Support> out = new ArrayList<>();
        for (int k = 0; k <= EXHAUSTIVE_TERMS; k++) {
            out.addAll(bySize.get(k));
            out.addAll(simplest.get(k));
        }
        return out;
    }

    @FunctionalInterface
    private interface SubsetVisitor {
        void visit(int[] idx, int k);
    }

    /** Every subset of 1 to 3 pool entries, and of 4 among {@code small}. */
    private static void subsets(int p, List<Integer> small, SubsetVisitor visitor) {
        int[] idx = new int[EXHAUSTIVE_TERMS];
        for (int a = 0; a < p; a++) {
            idx[0] = a;
            visitor.visit(idx, 1);
            for (int c = a + 1; c < p; c++) {
                idx[1] = c;
                visitor.visit(idx, 2);
                for (int e = c + 1; e < p; e++) {
                    idx[2] = e;
                    visitor.visit(idx, 3);
                }
            }
        }
        int q = small.size();
        for (int a = 0; a < q; a++) {
            for (int c = a + 1; c < q; c++) {
                for (int e = c + 1; e < q; e++) {
                    for (int g = e + 1; g < q; g++) {
                        idx[0] = small.get(a);
                        idx[1] = small.get(c);
                        idx[2] = small.get(e);
                        idx[3] = small.get(g);
                        visitor.visit(idx, 4);
                    }
                }
            }
        }
    }

    /** As {@link #keep}, ranked by the terms' total complexity and then the residual. */
    private static void keepSimplest(List<Support> best, Support candidate, List<Dictionary.Term> terms) {
        Comparator<Support> order =
                Comparator.<Support>comparingInt(s -> complexity(s, terms)).thenComparingDouble(Support::unexplained);
        if (best.size() == KEEP_SIMPLEST && order.compare(candidate, best.get(best.size() - 1)) >= 0) {
            return;
        }
        best.add(candidate);
        best.sort(order);
        if (best.size() > KEEP_SIMPLEST) {
            best.remove(best.size() - 1);
        }
    }

    /** The dictionary indices of the chosen pool entries, sorted. */
    private static int[] terms(int[] idx, int k, List<Integer> pool) {
        int[] chosen = new int[k];
        for (int i = 0; i < k; i++) {
            chosen[i] = pool.get(idx[i]);
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static int complexity(Support s, List<Dictionary.Term> terms) {
        int sum = 0;
        for (int t : s.terms()) {
            sum += terms.get(t).complexity();
        }
        return sum;
    }

    /**
     * bᵀ G⁻¹ b for the chosen pool entries, the explained sum of squares (NaN when singular): an in-place
     * Cholesky in {@code scratch}, no allocation, since it runs for every subset.
     */
    private static double explained(int[] idx, int k, double[][] gram, double[] b, double[] scratch) {
        // scratch[i*k + j]: the factor L; scratch[k*k + i]: the forward solution z = L⁻¹ b
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = gram[idx[i]][idx[j]];
                for (int m = 0; m < j; m++) {
                    s -= scratch[i * k + m] * scratch[j * k + m];
                }
                if (i == j) {
                    if (!(s > 1e-10)) {
                        return Double.NaN; // (nearly) collinear unit columns
                    }
                    scratch[i * k + i] = Math.sqrt(s);
                } else {
                    scratch[i * k + j] = s / scratch[j * k + j];
                }
            }
        }
        double explained = 0;
        for (int i = 0; i < k; i++) {
            double s = b[idx[i]];
            for (int m = 0; m < i; m++) {
                s -= scratch[i * k + m] * scratch[k * k + m];
            }
            double z = s / scratch[i * k + i];
            scratch[k * k + i] = z;
            explained += z * z;
        }
        return explained;
    }

    private static void keep(List<Support> best, int[] idx, int k, double unexplained, List<Integer> pool) {
        int limit = k <= 2 ? KEEP_SMALL : KEEP_PER_SIZE;
        if (best.size() == limit && unexplained >= best.get(best.size() - 1).unexplained()) {
            return;
        }
        best.add(new Support(terms(idx, k, pool), Math.max(unexplained, 0)));
        best.sort(Comparator.comparingDouble(Support::unexplained));
        if (best.size() > limit) {
            best.remove(best.size() - 1);
        }
    }

    private static double[] correlations(List<Dictionary.Term> terms, double[] r) {
        double[] c = new double[terms.size()];
        for (int j = 0; j < c.length; j++) {
            c[j] = LeastSquares.dot(terms.get(j).unit(), r);
        }
        return c;
    }

    private static List<Integer> top(double[] c, int count, Set<Integer> excluded) {
        Integer[] order = new Integer[c.length];
        for (int i = 0; i < c.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -Math.abs(c[i])));
        List<Integer> out = new ArrayList<>();
        for (Integer i : order) {
            if (out.size() == count) {
                break;
            }
            if (!excluded.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private static double[] fitUnit(List<Dictionary.Term> terms, int[] support, double[] centred) {
        double[][] cols = new double[support.length][];
        for (int i = 0; i < support.length; i++) {
            cols[i] = terms.get(support[i]).unit();
        }
        return LeastSquares.fit(cols, centred);
    }

    private static double[] residual(List<Dictionary.Term> terms, int[] support, double[] beta, double[] centred) {
        double[] r = centred.clone();
        for (int i = 0; i < support.length; i++) {
            double[] u = terms.get(support[i]).unit();
            for (int n = 0; n < r.length; n++) {
                r[n] -= beta[i] * u[n];
            }
        }
        return r;
    }
}

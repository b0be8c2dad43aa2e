package io.weights2eq.domain.decoding.symbolic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Fits a candidate's constants to the function on the fitting grid and rounds them to the family's kinds: each
 * constant in turn (the largest contribution first) is fixed at the coarsest precision — whole, then the family's
 * decimal digits, then the nearest {@link Fractions fraction}, then its fraction digits — at which refitting the constants still free keeps the fit
 * {@link Acceptance acceptable} against the candidate's own unrounded fit; a constant that no precision keeps is
 * fixed at the finest. A constant rounded to
 * zero drops its term. Linear candidates (a sum of dictionary terms) refit by least squares; any other expression
 * by Levenberg–Marquardt over all its constants, inner ones included.
 */
final class ConstantFit {
    private static final int LM_ITERATIONS = 12;
    private static final int LM_REFIT_ITERATIONS = 4;

    private ConstantFit() {}

    /** The precision that rounds to the nearest {@link Fractions fraction} instead of a number of decimals. */
    static final int FRACTION = -1;

    static double round(double value, int digits) {
        if (digits == FRACTION) {
            return Fractions.nearest(value);
        }
        return BigDecimal.valueOf(value)
                .setScale(digits, RoundingMode.HALF_EVEN)
                .doubleValue();
    }

    /** Σ cⱼ·termⱼ + c₀ fitted to {@code y} and rounded, as an expression. */
    static Expr linear(Dictionary d, int[] support, double[] y, int[] digits, Acceptance acceptance, double best) {
        int k = support.length + 1;
        double[][] columns = new double[k][];
        columns[0] = new double[y.length];
        Arrays.fill(columns[0], 1);
        for (int i = 0; i < support.length; i++) {
            columns[i + 1] = d.terms.get(support[i]).values();
        }
        boolean[] fixed = new boolean[k];
        double[] c = refit(columns, y, fixed, new double[k]);
        if (c == null) {
            return null;
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        double[] contribution = new double[k];
        for (int i = 1; i < k; i++) {
            contribution[i] = Math.abs(c[i]) * d.terms.get(support[i - 1]).norm();
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -contribution[i])); // the intercept last
        for (int i : order) {
            boolean kept = false;
            for (int digit : digits) {
                double[] trial = c.clone();
                trial[i] = round(c[i], digit);
                fixed[i] = true;
                double[] refitted = refit(columns, y, fixed, trial);
                Scoring.Score score = refitted == null ? null : Scoring.of(y, predict(columns, refitted));
                boolean wholeIntercept = i == 0 && digit == 0;
                if (score != null
                        && (wholeIntercept ? acceptance.acceptsOffset(score, best) : acceptance.accepts(score, best))) {
                    c = refitted;
                    kept = true;
                    break;
                }
            }
            if (!kept) {
                c[i] = round(c[i], digits[digits.length - 1]);
                double[] refitted = refit(columns, y, fixed, c);
                c = refitted == null ? c : refitted;
            }
        }
        List<Expr> terms = new ArrayList<>();
        for (int i = support.length; i >= 1; i--) { // the most complex term first, the constant last
            if (c[i] != 0) {
                terms.add(scaled(c[i], d.terms.get(support[i - 1]).expr()));
            }
        }
        if (c[0] != 0 || terms.isEmpty()) {
            terms.add(new Expr.Const(c[0]));
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.Sum(terms);
    }

    /** c·t, written t for c = 1, −t for c = −1 and c/(u) for t = 1/(u). */
    static Expr scaled(double c, Expr t) {
        if (c == 1) {
            return t;
        }
        if (t instanceof Expr.Product p && p.divide() && p.left() instanceof Expr.Const one && one.value() == 1) {
            return new Expr.Product(new Expr.Const(c), p.right(), true);
        }
        return new Expr.Product(new Expr.Const(c), t, false);
    }

    /** The free coefficients refitted by least squares with the fixed ones held; null when singular. */
    private static double[] refit(double[][] columns, double[] y, boolean[] fixed, double[] values) {
        double[] target = y.clone();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            if (fixed[i]) {
                for (int n = 0; n < y.length; n++) {
                    target[n] -= values[i] * columns[i][n];
                }
            } else {
                free.add(i);
            }
        }
        double[] out = values.clone();
        if (free.isEmpty()) {
            return out;
        }
        double[][] cols = new double[free.size()][];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = columns[free.get(i)];
        }
        double[] beta = LeastSquares.fit(cols, target);
        if (beta == null) {
            return null;
        }
        for (int i = 0; i < cols.length; i++) {
            out[free.get(i)] = beta[i];
        }
        return out;
    }

    private static double[] predict(double[][] columns, double[] c) {
        double[] p = new double[columns[0].length];
        for (int i = 0; i < columns.length; i++) {
            for (int n = 0; n < p.length; n++) {
                p[n] += c[i] * columns[i][n];
            }
        }
        return p;
    }

    /** Any expression: all constants fitted by Levenberg–Marquardt, then rounded one by one as above. */
    static Expr nonlinear(Expr e, Grid grid, double[] y, int[] digits, Acceptance acceptance) {
        double[] p = e.constants();
        boolean[] fixed = new boolean[p.length];
        p = levenbergMarquardt(e, p, fixed, grid, y, LM_ITERATIONS);
        double best = unexplained(e, p, grid, y);
        for (int i = 0; i < p.length; i++) {
            boolean kept = false;
            for (int digit : digits) {
                double[] trial = p.clone();
                trial[i] = round(p[i], digit);
                fixed[i] = true;
                if (!acceptance.accepts(score(e, trial, grid, y), best)) {
                    trial = levenbergMarquardt(e, trial, fixed, grid, y, LM_REFIT_ITERATIONS);
                }
                if (acceptance.accepts(score(e, trial, grid, y), best)) {
                    p = trial;
                    kept = true;
                    break;
                }
            }
            if (!kept) {
                p[i] = round(p[i], digits[digits.length - 1]);
                p = levenbergMarquardt(e, p, fixed, grid, y, LM_REFIT_ITERATIONS);
            }
        }
        return e.withConstants(p);
    }

    static double unexplained(Expr e, double[] p, Grid grid, double[] y) {
        return score(e, p, grid, y).unexplained();
    }

    private static Scoring.Score score(Expr e, double[] p, Grid grid, double[] y) {
        return Scoring.of(y, grid.values(e.withConstants(p)));
    }

    /** A few damped Gauss–Newton steps on the free constants (numeric Jacobian, central differences). */
    static double[] levenbergMarquardt(Expr e, double[] start, boolean[] fixed, Grid grid, double[] y, int iterations) {
        double[] p = start.clone();
        double[] f = grid.values(e.withConstants(p));
        double rss = rss(y, f);
        double lambda = 1e-3;
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (!fixed[i]) {
                free.add(i);
            }
        }
        if (free.isEmpty() || !Double.isFinite(rss)) {
            return p;
        }
        int m = free.size();
        for (int it = 0; it < iterations; it++) {
            double[][] jac = new double[m][];
            for (int a = 0; a < m; a++) {
                int i = free.get(a);
                double h = 1e-6 * Math.max(1, Math.abs(p[i]));
                double[] up = p.clone();
                double[] down = p.clone();
                up[i] += h;
                down[i] -= h;
                double[] fu = grid.values(e.withConstants(up));
                double[] fd = grid.values(e.withConstants(down));
                jac[a] = new double[y.length];
                for (int n = 0; n < y.length; n++) {
                    jac[a][n] = (fu[n] - fd[n]) / (2 * h);
                }
            }
            double[] r = new double[y.length];
            for (int n = 0; n < y.length; n++) {
                r[n] = y[n] - f[n];
            }
            double[][] g = new double[m][m];
            double[] b = new double[m];
            for (int a = 0; a < m; a++) {
                for (int c = 0; c <= a; c++) {
                    g[a][c] = LeastSquares.dot(jac[a], jac[c]);
                    g[c][a] = g[a][c];
                }
                b[a] = LeastSquares.dot(jac[a], r);
            }
            boolean improved = false;
            for (int attempt = 0; attempt < 6 && !improved; attempt++) {
                double[][] damped = new double[m][];
                for (int a = 0; a < m; a++) {
                    damped[a] = g[a].clone();
                    damped[a][a] += lambda * Math.max(g[a][a], 1e-12);
                }
                double[] step = LeastSquares.solve(damped, b);
                if (step == null) {
                    lambda *= 10;
                    continue;
                }
                double[] trial = p.clone();
                for (int a = 0; a < m; a++) {
                    trial[free.get(a)] += step[a];
                }
                double[] ft = grid.values(e.withConstants(trial));
                double trialRss = rss(y, ft);
                if (trialRss < rss) {
                    p = trial;
                    f = ft;
                    rss = trialRss;
                    lambda = Math.max(lambda / 10, 1e-9);
                    improved = true;
                } else {
                    lambda *= 10;
                }
            }
            if (!improved) {
                break;
            }
        }
        return p;
    }

    private static double rss(double[] y, double[] f) {
        double s = 0;
        for (int n = 0; n < y.length; n++) {
            double e = y[n] - f[n];
            s += e * e;
        }
        return Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
    }
}

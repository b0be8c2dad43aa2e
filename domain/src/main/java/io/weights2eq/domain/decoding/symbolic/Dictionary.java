package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The candidate terms of the analytic decoder for one domain, enumerated without constants to fit: monomials up to
 * degree 6 (x1^a·x2^b for two inputs); sin, cos and exp of simple arguments (v, 2v, 3v, −v, v², −v², v³, v±1, v±2, v±3,
 * v²±1, v²+2, v²+3, v+v², and x1+x2, x1−x2, x1·x2) and of sin, cos and exp of v, 2v and v² (compositions as
 * random trees make them); log and sqrt of those positive on the domain (sqrt: non-negative);
 * 1/(argument), 1/cos(argument) and 1/sqrt(argument) where they keep away from zero; the pairwise products (squares) and cubes of the short
 * terms and the products of a term with v or v². Columns on the fitting grid, deduplicated numerically (two terms whose centred columns are
 * proportional are one term: the simpler text is kept, so sin(x)^2 and cos(2*x) are one). Cached per domain.
 */
final class Dictionary {
    /** The shifts c of the arguments v+c (±4 and ±5 measured: no better, 0.5 points of R² worse). */
    private static final int[] SHIFTS = {1, -1, 2, -2, 3, -3};

    /** Terms of at most this many tokens take part in pairwise products. */
    static final int SHORT_TERM = 6;

    private static final int CACHE_LIMIT = 32;
    private static final Map<InputDomain, Dictionary> CACHE = new ConcurrentHashMap<>();

    /** Non-product terms of at most this many tokens are always searched exhaustively (sin(x+x^2) has 8). */
    static final int SIMPLE_TERM = 8;

    /**
     * One candidate term: its tree, its values on the fitting grid, their mean and the centred column's norm, the
     * unit column, and for a monomial its total degree (0 for any other term).
     */
    record Term(
            Expr expr,
            String text,
            int complexity,
            double[] values,
            double mean,
            double norm,
            double[] unit,
            int degree,
            boolean product) {}

    final InputDomain domain;
    final Grid grid;
    final List<Term> terms;
    /** Indices of the monomials and the other non-product terms of at most {@link #SIMPLE_TERM} tokens. */
    final List<Integer> simple;
    /** For each degree 1..6 the indices of every monomial up to that degree (a whole polynomial as one support). */
    final List<int[]> polynomials;

    private Dictionary(InputDomain domain, Grid grid, List<Term> terms) {
        this.domain = domain;
        this.grid = grid;
        this.terms = terms;
        List<Integer> simpleTerms = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            if (t.degree() > 0 || (!t.product() && t.complexity() <= SIMPLE_TERM)) {
                simpleTerms.add(i);
            }
        }
        this.simple = List.copyOf(simpleTerms);
        List<int[]> polys = new ArrayList<>();
        for (int degree = 1; degree <= 6; degree++) {
            final int d = degree;
            polys.add(java.util.stream.IntStream.range(0, terms.size())
                    .filter(i -> terms.get(i).degree() > 0 && terms.get(i).degree() <= d)
                    .toArray());
        }
        this.polynomials = List.copyOf(polys);
    }

    boolean isMonomial(int index) {
        return terms.get(index).degree() > 0;
    }

    static Dictionary of(InputDomain domain) {
        Dictionary d = CACHE.get(domain);
        if (d == null) {
            d = build(domain);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear(); // domains vary little in practice; a full rebuild is cheap enough
            }
            CACHE.put(domain, d);
        }
        return d;
    }

    private static Dictionary build(InputDomain domain) {
        int n = domain.inputs();
        Grid grid = Grid.fitting(domain);
        Grid check = checkGrid(domain);
        List<Expr> monomials = monomials(n);
        List<Expr> atoms = new ArrayList<>();
        for (Expr arg : arguments(n)) {
            double[] a = check.values(arg);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : a) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            atoms.add(new Expr.Fn("sin", arg));
            atoms.add(new Expr.Fn("cos", arg));
            atoms.add(new Expr.Fn("exp", arg));
            if (min > 1e-9) { // log only of an argument positive on the whole domain
                atoms.add(new Expr.Fn("log", arg));
            }
            if (min >= 0) {
                atoms.add(new Expr.Fn("sqrt", arg));
            }
            addReciprocal(atoms, arg, a);
            addReciprocal(atoms, new Expr.Fn("cos", arg), check.values(new Expr.Fn("cos", arg)));
            if (min > 1e-9) {
                addReciprocal(atoms, new Expr.Fn("sqrt", arg), check.values(new Expr.Fn("sqrt", arg)));
            }
        }
        // compositions f(g(a)) of the simplest arguments, as random trees make them (sin(cos(x)), exp(sin(x)))
        List<Expr> inner = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            Expr v = new Expr.Var(j, n);
            for (Expr a : List.of(v, new Expr.Product(new Expr.Const(2), v, false), new Expr.Pow(v, 2))) {
                for (String g : List.of("sin", "cos", "exp")) {
                    inner.add(new Expr.Fn(g, a));
                }
            }
        }
        for (Expr g : inner) {
            double min = Double.POSITIVE_INFINITY;
            for (double v : check.values(g)) {
                min = Math.min(min, v);
            }
            for (String f : Expr.Fn.NAMES) {
                boolean defined = f.equals("log") ? min > 1e-9 : !f.equals("sqrt") || min >= 0;
                if (defined) {
                    atoms.add(new Expr.Fn(f, g));
                }
            }
        }
        List<Expr> all = new ArrayList<>(monomials);
        all.addAll(atoms);
        int singles = all.size();
        List<Expr> factors = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            factors.add(new Expr.Var(j, n));
            factors.add(new Expr.Pow(new Expr.Var(j, n), 2));
        }
        List<Expr> shortAtoms = atoms.stream()
                .filter(a -> Complexity.of(a.text()) <= SHORT_TERM)
                .toList();
        for (Expr a : atoms) {
            for (Expr m : factors) {
                all.add(times(m, a));
            }
        }
        for (Expr a : shortAtoms) {
            all.add(new Expr.Pow(a, 3)); // cos(x)^3: squares come from the pairwise products below
        }
        for (int i = 0; i < shortAtoms.size(); i++) {
            for (int j = i; j < shortAtoms.size(); j++) {
                all.add(times(shortAtoms.get(i), shortAtoms.get(j)));
            }
        }
        return new Dictionary(domain, grid, deduplicated(all, singles, monomials.size(), grid));
    }

    /** 1/(u) where u keeps one sign and away from zero on the check grid ({@code values}): x/cos(x) is a truth. */
    private static void addReciprocal(List<Expr> atoms, Expr u, double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double scale = Math.max(Math.abs(min), Math.abs(max));
        if ((min > 0 || max < 0) && Math.min(Math.abs(min), Math.abs(max)) > 1e-2 * scale) {
            atoms.add(new Expr.Product(new Expr.Const(1), u, true));
        }
    }

    /** m·a, written m/(u) when a is 1/(u). */
    private static Expr times(Expr m, Expr a) {
        if (m.equals(a)) {
            return new Expr.Pow(a, 2);
        }
        if (a instanceof Expr.Product p && p.divide() && p.left() instanceof Expr.Const) {
            return new Expr.Product(m, p.right(), true);
        }
        return new Expr.Product(m, a, false);
    }

    private static List<Expr> monomials(int n) {
        List<Expr> out = new ArrayList<>();
        for (int degree = 1; degree <= 6; degree++) {
            if (n == 1) {
                out.add(power(new Expr.Var(0, 1), degree));
                continue;
            }
            for (int a = degree; a >= 0; a--) {
                int b = degree - a;
                Expr x1 = power(new Expr.Var(0, 2), a);
                Expr x2 = power(new Expr.Var(1, 2), b);
                out.add(a == 0 ? x2 : b == 0 ? x1 : new Expr.Product(x1, x2, false));
            }
        }
        return out;
    }

    private static Expr power(Expr v, int k) {
        return k == 1 ? v : new Expr.Pow(v, k);
    }

    private static List<Expr> arguments(int n) {
        List<Expr> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            Expr v = new Expr.Var(j, n);
            Expr v2 = new Expr.Pow(v, 2);
            out.add(v);
            out.add(new Expr.Product(new Expr.Const(2), v, false));
            out.add(new Expr.Product(new Expr.Const(3), v, false));
            out.add(new Expr.Neg(v));
            out.add(v2);
            out.add(new Expr.Neg(v2));
            out.add(new Expr.Pow(v, 3));
            for (int k : SHIFTS) {
                out.add(new Expr.Sum(List.of(v, new Expr.Const(k))));
            }
            for (int k : new int[] {1, -1, 2, 3}) {
                out.add(new Expr.Sum(List.of(v2, new Expr.Const(k))));
            }
            out.add(new Expr.Sum(List.of(v, v2)));
        }
        if (n == 2) {
            Expr x1 = new Expr.Var(0, 2);
            Expr x2 = new Expr.Var(1, 2);
            out.add(new Expr.Sum(List.of(x1, x2)));
            out.add(new Expr.Sum(List.of(x1, new Expr.Neg(x2))));
            out.add(new Expr.Product(x1, x2, false));
        }
        return out;
    }

    /** A dense grid with the ends and the points where the arguments above turn (0, −1/2), to check signs. */
    private static Grid checkGrid(InputDomain domain) {
        int n = domain.inputs();
        int perAxis = n == 1 ? 4001 : 101;
        List<double[]> axes = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            Interval iv = domain.input(j);
            List<Double> xs = new ArrayList<>();
            for (int i = 0; i < perAxis; i++) {
                xs.add(i == perAxis - 1 ? iv.hi() : iv.lo() + iv.width() * i / (perAxis - 1));
            }
            for (double special : new double[] {0, -0.5}) {
                if (special > iv.lo() && special < iv.hi()) {
                    xs.add(special);
                }
            }
            axes.add(xs.stream().mapToDouble(Double::doubleValue).toArray());
        }
        List<double[]> points = new ArrayList<>();
        if (n == 1) {
            for (double x : axes.get(0)) {
                points.add(new double[] {x});
            }
        } else {
            for (double x1 : axes.get(0)) {
                for (double x2 : axes.get(1)) {
                    points.add(new double[] {x1, x2});
                }
            }
        }
        return new Grid(points.toArray(new double[0][]));
    }

    private static List<Term> deduplicated(List<Expr> exprs, int singles, int monomials, Grid grid) {
        List<Term> candidates = new ArrayList<>();
        Map<Expr, double[]> columns = new java.util.HashMap<>();
        for (int i = 0; i < exprs.size(); i++) {
            Expr e = exprs.get(i);
            Term t = term(e, column(e, grid, columns), i < monomials ? degree(e) : 0, i >= singles);
            if (t != null) {
                candidates.add(t);
            }
        }
        candidates.sort(Comparator.comparingInt(Term::complexity));
        Set<String> seen = new HashSet<>();
        List<Term> out = new ArrayList<>();
        for (Term t : candidates) {
            if (seen.add(key(t.unit()))) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** The term's columns, or null when it is non-finite, huge or constant on the grid. */
    private static int degree(Expr e) {
        if (e instanceof Expr.Var) {
            return 1;
        }
        if (e instanceof Expr.Pow p) {
            return p.exponent() * degree(p.base());
        }
        return e instanceof Expr.Product p ? degree(p.left()) + degree(p.right()) : 0;
    }

    /**
     * The values of {@code e} on the grid; a product or power of terms already computed is multiplied out from their
     * columns (the products are most of the dictionary, so this is most of its build time).
     */
    private static double[] column(Expr e, Grid grid, Map<Expr, double[]> columns) {
        double[] v = null;
        if (e instanceof Expr.Product p && columns.containsKey(p.left()) && columns.containsKey(p.right())) {
            double[] l = columns.get(p.left());
            double[] r = columns.get(p.right());
            v = new double[l.length];
            for (int n = 0; n < v.length; n++) {
                v[n] = p.divide() ? l[n] / r[n] : l[n] * r[n];
            }
        } else if (e instanceof Expr.Pow p && columns.containsKey(p.base())) {
            double[] b = columns.get(p.base());
            v = new double[b.length];
            for (int n = 0; n < v.length; n++) {
                v[n] = p.exponent() == 2 ? b[n] * b[n] : b[n] * b[n] * b[n];
            }
        }
        if (v == null || highPower(e)) {
            v = grid.values(e);
        }
        if (!(e instanceof Expr.Product)) {
            columns.put(e, v);
        }
        return v;
    }

    /** Powers above 3 are evaluated directly: the shortcut above multiplies out squares and cubes only. */
    private static boolean highPower(Expr e) {
        return e instanceof Expr.Pow p && p.exponent() > 3;
    }

    private static Term term(Expr e, double[] v, int degree, boolean product) {
        double sum = 0;
        for (double x : v) {
            if (!Double.isFinite(x) || Math.abs(x) > 1e12) {
                return null;
            }
            sum += x;
        }
        double mean = sum / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double norm = Math.sqrt(ss);
        if (!(norm > 1e-9 * Math.sqrt(v.length) * Math.max(1, Math.abs(mean)))) {
            return null;
        }
        double[] unit = new double[v.length];
        int sign = 0;
        for (int i = 0; i < v.length; i++) {
            unit[i] = (v[i] - mean) / norm;
            if (sign == 0 && Math.abs(unit[i]) > 1e-6) {
                sign = unit[i] > 0 ? 1 : -1;
            }
        }
        String text = e.text();
        return new Term(e, text, Complexity.of(text), v, mean, norm, unit, degree, product);
    }

    /** Proportional centred columns share a key (sign fixed by the first clear entry, rounded to 1e-7). */
    private static String key(double[] unit) {
        int sign = 0;
        for (double u : unit) {
            if (Math.abs(u) > 1e-6) {
                sign = u > 0 ? 1 : -1;
                break;
            }
        }
        StringBuilder k = new StringBuilder();
        int step = Math.max(1, unit.length / 24);
        for (int i = 0; i < unit.length; i += step) {
            k.append(Math.round(sign * unit[i] * 1e7)).append(',');
        }
        return k.toString();
    }
}

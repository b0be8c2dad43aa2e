package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.NormalForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same function with its sines and cosines regrouped, for the hybrid to refit and round. The dictionary writes
 * one sinusoid as a sum of two and a sinusoid of a doubled argument as a product of two: a sum of sinusoids of one
 * argument up to its constant is one sinusoid ({@code 1.2*sin(x)-2*cos(x+5.1)} is {@code 1.0*sin(x+4.0)}), and a
 * term's two sine or cosine factors are a sum of sinusoids of their arguments' sum and difference
 * ({@code 2*sin(x1-x2)*sin(x2)+cos(x1)} is {@code cos(x1-2*x2)}, {@code 2*sin(x-3)^2-1} is {@code -cos(2*x-6)}),
 * written in the shared normal form so that like terms cancel. Each variant regroups one place.
 */
final class TrigIdentities {
    /**
     * Candidates of more terms are left alone: the refits of their regroupings cost more than the rare exact
     * expression among them is worth (a mean two-input decode took 4× as long without the limit).
     */
    static final int MAX_TERMS = 4;

    private TrigIdentities() {}

    static List<Expr> of(Expr e, int inputs) {
        List<Expr> out = new ArrayList<>();
        List<Expr> terms = e instanceof Expr.Sum s ? s.terms() : List.of(e);
        if (terms.size() > MAX_TERMS) {
            return out;
        }
        Expr collapsed = collapsed(terms);
        if (collapsed != null) {
            out.add(collapsed);
        }
        for (int i = 0; i < terms.size(); i++) {
            Expr spread = productToSum(terms.get(i));
            if (spread != null) {
                List<Expr> changed = new ArrayList<>(terms);
                changed.set(i, spread);
                Expr normal = normalised(new Expr.Sum(changed), inputs);
                if (normal != null) {
                    out.add(normal);
                }
            }
        }
        return out;
    }

    /** {@code amplitude * name(arg)}: a term that is one sine or cosine times a constant. */
    private record Sinusoid(double amplitude, boolean sine, Expr arg) {}

    /** The terms with every group of two or more sinusoids of one argument (up to its constant) as one sinusoid. */
    private static Expr collapsed(List<Expr> terms) {
        Map<String, List<Integer>> byArgument = new LinkedHashMap<>();
        List<Sinusoid> sinusoids = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            Sinusoid s = sinusoid(terms.get(i), 1);
            sinusoids.add(s);
            if (s != null) {
                byArgument
                        .computeIfAbsent(Rewrites.withoutConstant(s.arg()).text(), k -> new ArrayList<>())
                        .add(i);
            }
        }
        List<Expr> out = new ArrayList<>();
        boolean changed = false;
        List<Integer> merged = new ArrayList<>();
        for (List<Integer> group : byArgument.values()) {
            if (group.size() < 2) {
                continue;
            }
            // a·sin(u+p) = a·cos p·sin u + a·sin p·cos u and a·cos(u+p) = −a·sin p·sin u + a·cos p·cos u
            double onSine = 0;
            double onCosine = 0;
            for (int i : group) {
                Sinusoid s = sinusoids.get(i);
                double p = Rewrites.constantOf(s.arg());
                onSine += s.sine() ? s.amplitude() * Math.cos(p) : -s.amplitude() * Math.sin(p);
                onCosine += s.sine() ? s.amplitude() * Math.sin(p) : s.amplitude() * Math.cos(p);
                merged.add(i);
            }
            Expr u = Rewrites.withoutConstant(sinusoids.get(group.get(0)).arg());
            out.add(new Expr.Product(
                    new Expr.Const(Math.hypot(onSine, onCosine)),
                    new Expr.Fn("sin", Rewrites.shift(u, Math.atan2(onCosine, onSine))),
                    false));
            changed = true;
        }
        if (!changed) {
            return null;
        }
        for (int i = 0; i < terms.size(); i++) {
            if (!merged.contains(i)) {
                out.add(terms.get(i));
            }
        }
        return out.size() == 1 ? out.get(0) : new Expr.Sum(out);
    }

    private static Sinusoid sinusoid(Expr e, double factor) {
        if (e instanceof Expr.Fn f && (f.name().equals("sin") || f.name().equals("cos"))) {
            return new Sinusoid(factor, f.name().equals("sin"), f.arg());
        }
        if (e instanceof Expr.Neg n) {
            return sinusoid(n.operand(), -factor);
        }
        if (e instanceof Expr.Product p && p.left() instanceof Expr.Const c && !p.divide()) {
            return sinusoid(p.right(), factor * c.value());
        }
        if (e instanceof Expr.Product p && p.right() instanceof Expr.Const c) {
            return sinusoid(p.left(), p.divide() ? factor / c.value() : factor * c.value());
        }
        return null;
    }

    /** A term with two sine or cosine factors (a square counts as two) as the sum of two terms; null otherwise. */
    private static Expr productToSum(Expr term) {
        List<Expr> factors = new ArrayList<>();
        if (!factors(term, factors)) {
            return null;
        }
        int first = -1;
        int second = -1;
        for (int i = 0; i < factors.size() && second < 0; i++) {
            if (factors.get(i) instanceof Expr.Fn f
                    && (f.name().equals("sin") || f.name().equals("cos"))) {
                if (first < 0) {
                    first = i;
                } else {
                    second = i;
                }
            }
        }
        if (second < 0) {
            return null;
        }
        Expr.Fn a = (Expr.Fn) factors.get(first);
        Expr.Fn b = (Expr.Fn) factors.get(second);
        Expr rest = new Expr.Const(0.5);
        for (int i = 0; i < factors.size(); i++) {
            if (i != first && i != second) {
                rest = new Expr.Product(rest, factors.get(i), false);
            }
        }
        Expr sum = new Expr.Sum(List.of(a.arg(), b.arg()));
        Expr difference = new Expr.Sum(List.of(a.arg(), new Expr.Neg(b.arg())));
        boolean sinA = a.name().equals("sin");
        boolean sinB = b.name().equals("sin");
        // sin a sin b = (cos(a−b) − cos(a+b))/2, cos a cos b = (cos(a−b) + cos(a+b))/2,
        // sin a cos b = (sin(a+b) + sin(a−b))/2, cos a sin b = (sin(a+b) − sin(a−b))/2
        Expr ofDifference = new Expr.Fn(sinA == sinB ? "cos" : "sin", difference);
        Expr ofSum = new Expr.Fn(sinA == sinB ? "cos" : "sin", sum);
        Expr first2 = sinA == sinB ? ofDifference : ofSum;
        Expr second2 = sinA == sinB ? ofSum : ofDifference;
        boolean minus = (sinA && sinB) || (!sinA && sinB);
        return new Expr.Sum(List.of(
                new Expr.Product(rest, first2, false),
                new Expr.Product(rest, minus ? new Expr.Neg(second2) : second2, false)));
    }

    /** The factors of a product without quotients, a square's base twice; false for any other term. */
    private static boolean factors(Expr e, List<Expr> out) {
        if (e instanceof Expr.Product p && !p.divide()) {
            return factors(p.left(), out) && factors(p.right(), out);
        }
        if (e instanceof Expr.Neg n) {
            out.add(new Expr.Const(-1));
            return factors(n.operand(), out);
        }
        if (e instanceof Expr.Pow p && p.exponent() == 2 && p.base() instanceof Expr.Fn) {
            out.add(p.base());
            out.add(p.base());
            return true;
        }
        out.add(e);
        return true;
    }

    /** In the shared normal form (like terms merged, arguments simplified); null where it cannot be read. */
    private static Expr normalised(Expr e, int inputs) {
        try {
            return ExprOf.of(NormalForm.of(ExpressionParser.parse(e.text(), inputs)));
        } catch (RuntimeException unreadable) {
            return null; // the regrouped text is only a proposal; the others still count
        }
    }
}

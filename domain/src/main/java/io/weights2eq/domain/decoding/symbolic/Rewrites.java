package io.weights2eq.domain.decoding.symbolic;

import java.util.ArrayList;
import java.util.List;

/**
 * The same function with a constant moved where the family may have put it, for the hybrid to refit and round:
 * {@code c*exp(u)} is {@code exp(u+log(c))} and {@code c*exp(u)^k} is {@code exp(k*u+log(c))} ({@code 0.37*exp(x)} is {@code exp(x-1)}, whose column the dictionary
 * merged with {@code exp(x)}'s), and {@code sin(u+c)} or {@code cos(u+c)} is a sine or cosine of {@code u+c+k·π/2}
 * ({@code cos(x+2.43)} is {@code sin(x+4)}). A moved constant is kept only where it lands near a whole number, the
 * family's kind of constant ({@code 0.2*exp(x)} stays: {@code exp(x-1.61)} is no simpler). Each variant rewrites one place.
 */
final class Rewrites {
    /** A shifted phase this close to a whole number is worth a refit. */
    private static final double NEAR_WHOLE = 0.2;
    /**
     * Phases beyond this are not the family's (its constants lie in [-5, 5]); with up to 8 quarter turns a phase
     * of 6 tied with the family's own (cos(u+6) and sin(u-5) are 0.004 apart).
     */
    private static final double MAX_PHASE = 5.2;

    private Rewrites() {}

    static List<Expr> of(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Product p && !p.divide() && p.left() instanceof Expr.Const c && c.value() != 0) {
            Expr exponent = exponentOf(p.right());
            double log = Math.log(Math.abs(c.value()));
            if (exponent != null && nearWhole(log)) {
                Expr shifted = new Expr.Fn("exp", shift(exponent, log));
                out.add(c.value() > 0 ? shifted : new Expr.Neg(shifted));
            }
        }
        if (e instanceof Expr.Fn f && (f.name().equals("sin") || f.name().equals("cos"))) {
            out.addAll(phases(f));
        }
        if (e instanceof Expr.Sum s) {
            for (int i = 0; i < s.terms().size(); i++) {
                for (Expr v : of(s.terms().get(i))) {
                    List<Expr> terms = new ArrayList<>(s.terms());
                    terms.set(i, v);
                    out.add(new Expr.Sum(terms));
                }
            }
        } else if (e instanceof Expr.Product p) {
            of(p.left()).forEach(v -> out.add(new Expr.Product(v, p.right(), p.divide())));
            of(p.right()).forEach(v -> out.add(new Expr.Product(p.left(), v, p.divide())));
        } else if (e instanceof Expr.Neg n) {
            of(n.operand()).forEach(v -> out.add(new Expr.Neg(v)));
        } else if (e instanceof Expr.Pow p) {
            of(p.base()).forEach(v -> out.add(new Expr.Pow(v, p.exponent())));
        }
        return out;
    }

    /** f(t) = ±g(t + k·π/2) for k = ±1 .. ±8, where the new phase is near a whole number (and within the family's). */
    private static List<Expr> phases(Expr.Fn f) {
        List<Expr> out = new ArrayList<>();
        double c = constantOf(f.arg());
        boolean sine = f.name().equals("sin");
        for (int k = -8; k <= 8; k++) {
            double phase = c + k * Math.PI / 2;
            if (k == 0 || Math.abs(phase) > MAX_PHASE || !nearWhole(phase)) {
                continue;
            }
            // with t' = t + k·π/2: sin(t) = sin, -cos, -sin, cos of t' and cos(t) = cos, sin, -cos, -sin of t'
            int turn = Math.floorMod(k, 4);
            String name = (turn % 2 == 0) == sine ? "sin" : "cos";
            boolean negated = sine ? turn == 1 || turn == 2 : turn == 2 || turn == 3;
            Expr g = new Expr.Fn(name, shift(f.arg(), k * Math.PI / 2));
            out.add(negated ? new Expr.Neg(g) : g);
        }
        return out;
    }

    /** {@code u} of {@code exp(u)}, {@code k*u} of {@code exp(u)^k}; null for anything else. */
    private static Expr exponentOf(Expr e) {
        if (e instanceof Expr.Fn f && f.name().equals("exp")) {
            return f.arg();
        }
        if (e instanceof Expr.Pow p && p.base() instanceof Expr.Fn f && f.name().equals("exp")) {
            return new Expr.Product(new Expr.Const(p.exponent()), f.arg(), false);
        }
        return null;
    }

    private static boolean nearWhole(double value) {
        return Math.abs(value - Math.rint(value)) <= NEAR_WHOLE;
    }

    /** The argument's constant term (0 when it has none). */
    static double constantOf(Expr arg) {
        if (arg instanceof Expr.Const c) {
            return c.value();
        }
        if (arg instanceof Expr.Sum s) {
            for (Expr t : s.terms()) {
                if (t instanceof Expr.Const c) {
                    return c.value();
                }
            }
        }
        return 0;
    }

    /** The argument without its constant term ({@code x1+x2} of {@code x1+x2-4}; 0 for a constant). */
    static Expr withoutConstant(Expr arg) {
        if (arg instanceof Expr.Const) {
            return new Expr.Const(0);
        }
        if (arg instanceof Expr.Sum s) {
            List<Expr> rest =
                    s.terms().stream().filter(t -> !(t instanceof Expr.Const)).toList();
            return rest.size() == 1 ? rest.get(0) : new Expr.Sum(rest);
        }
        return arg;
    }

    /** {@code arg + d}, added to its constant term where it has one. */
    static Expr shift(Expr arg, double d) {
        if (arg instanceof Expr.Const c) {
            return new Expr.Const(c.value() + d);
        }
        List<Expr> terms = new ArrayList<>(arg instanceof Expr.Sum s ? s.terms() : List.of(arg));
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i) instanceof Expr.Const c) {
                terms.set(i, new Expr.Const(c.value() + d));
                return new Expr.Sum(terms);
            }
        }
        terms.add(new Expr.Const(d));
        return new Expr.Sum(terms);
    }
}

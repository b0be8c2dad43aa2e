package io.weights2eq.domain.decoding.symbolic;

import java.util.ArrayList;
import java.util.List;

/**
 * A refitted or rewritten candidate written without what its constants made void: terms whose coefficient rounded
 * to 0 ({@code 0*sin(x^2)}, {@code +0}) are dropped, signs fold into a coefficient or cancel ({@code -1*-cos(u)} is
 * {@code cos(u)}, {@code -2*(-sin(u)*cos(u))} is {@code 2*sin(u)*cos(u)}, {@code (-u)^2} is {@code u^2}), so that its text, and the complexity the choice counts, is the function's own.
 */
final class Tidy {
    private Tidy() {}

    static Expr of(Expr e) {
        if (e instanceof Expr.Sum s) {
            List<Expr> terms = new ArrayList<>();
            for (Expr t : s.terms()) {
                Expr tidy = of(t);
                if (!(tidy instanceof Expr.Const c && c.value() == 0)) {
                    terms.add(tidy);
                }
            }
            return terms.isEmpty() ? new Expr.Const(0) : terms.size() == 1 ? terms.get(0) : new Expr.Sum(terms);
        }
        if (e instanceof Expr.Product p) {
            Expr left = of(p.left());
            Expr right = of(p.right());
            if (!p.divide() && left instanceof Expr.Const c) {
                if (c.value() == 0) {
                    return c;
                }
                if (right instanceof Expr.Neg n) {
                    return of(new Expr.Product(new Expr.Const(-c.value()), n.operand(), false));
                }
                if (c.value() == 1) {
                    return right;
                }
            }
            if (left instanceof Expr.Neg n) { // the sign leads: -a*b, never (-a)*b or a*(-b)
                return of(new Expr.Neg(new Expr.Product(n.operand(), right, p.divide())));
            }
            if (right instanceof Expr.Neg n) {
                return of(new Expr.Neg(new Expr.Product(left, n.operand(), p.divide())));
            }
            return new Expr.Product(left, right, p.divide());
        }
        if (e instanceof Expr.Neg n) {
            Expr operand = of(n.operand());
            if (operand instanceof Expr.Neg inner) {
                return inner.operand();
            }
            if (operand instanceof Expr.Const c) {
                return new Expr.Const(-c.value());
            }
            if (operand instanceof Expr.Product p && !p.divide() && p.left() instanceof Expr.Const c) {
                return of(new Expr.Product(new Expr.Const(-c.value()), p.right(), false));
            }
            return new Expr.Neg(operand);
        }
        if (e instanceof Expr.Fn f) {
            return new Expr.Fn(f.name(), of(f.arg()));
        }
        if (e instanceof Expr.Pow p) {
            Expr base = of(p.base());
            if (base instanceof Expr.Neg n) { // (-u)^k is u^k or -(u^k)
                Expr power = new Expr.Pow(n.operand(), p.exponent());
                return p.exponent() % 2 == 0 ? power : new Expr.Neg(power);
            }
            return new Expr.Pow(base, p.exponent());
        }
        return e;
    }
}

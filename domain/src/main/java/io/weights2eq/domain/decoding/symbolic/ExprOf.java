package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.expression.Call;
import io.weights2eq.domain.expression.Constant;
import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.Power;
import io.weights2eq.domain.expression.Product;
import io.weights2eq.domain.expression.Quotient;
import io.weights2eq.domain.expression.Sum;
import io.weights2eq.domain.expression.Variable;
import java.util.List;

/**
 * A text of the shared syntax, read by the shared parser ({@link ExpressionParser}), as the decoder's {@link Expr}:
 * the same function with its constants as doubles, ready to be refitted.
 */
final class ExprOf {
    private ExprOf() {}

    /** @throws IllegalArgumentException naming the position (the parser's error) */
    static Expr text(String text, int inputs) {
        return of(ExpressionParser.parse(text, inputs));
    }

    static Expr of(Expression e) {
        if (e instanceof Constant c) {
            return new Expr.Const(c.value().doubleValue());
        }
        if (e instanceof Variable v) {
            return new Expr.Var(v.index(), v.inputs());
        }
        if (e instanceof Sum s) {
            return new Expr.Sum(s.terms().stream().map(ExprOf::of).toList());
        }
        if (e instanceof Product p) {
            List<Expression> factors = p.factors();
            Expr product = of(factors.get(0));
            for (int i = 1; i < factors.size(); i++) {
                product = new Expr.Product(product, of(factors.get(i)), false);
            }
            return product;
        }
        if (e instanceof Quotient q) {
            return new Expr.Product(of(q.numerator()), of(q.denominator()), true);
        }
        if (e instanceof Power p) {
            return new Expr.Pow(of(p.base()), p.exponent());
        }
        Call call = (Call) e;
        return new Expr.Fn(call.function().text(), of(call.argument()));
    }
}

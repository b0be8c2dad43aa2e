package io.weights2eq.domain.expression;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The one normal form, so that equal expressions written differently give one text (exact match stays
 * meaningful). The rules, applied bottom up:
 * <ul>
 *   <li>constants fold exactly ({@code 2*3} is {@code 6}, {@code 0.1+0.2} is {@code 0.3});</li>
 *   <li>products and powers expand over sums ({@code (x+1)^2} is {@code x^2+2*x+1}), like factors merge into
 *       powers ({@code x*x} is {@code x^2}), like terms collect ({@code x+x} is {@code 2*x});</li>
 *   <li>a division by a constant with an exact reciprocal becomes a product ({@code x/4} is {@code 0.25*x}); a
 *       term over another constant is a fraction in lowest terms ({@code x+x/3} is {@code 4*x/3}, {@code 0.5*x/3}
 *       is {@code x/6}); otherwise a term keeps one denominator, all of its denominators multiplied and expanded, its sign and (when
 *       exact) its leading coefficient moved up ({@code x/(2*x+2)} is {@code 0.5*x/(x+1)}); a sum over a
 *       denominator splits into terms; quotients do not cancel ({@code x^2/x} stays);</li>
 *   <li>{@code exp(log(u))} and {@code log(exp(u))} are {@code u}, {@code sqrt(u)^2} is {@code u} (the normal form
 *       holds where the expression is defined); the exponentials of a term merge into one and leave its denominator
 *       ({@code exp(x)^2} is {@code exp(2*x)}, {@code x/exp(x)} is {@code x*exp(-x)}, {@code exp(x)*exp(-x)} is
 *       {@code 1});</li>
 *   <li>{@code sin(-u)} is {@code -sin(u)} and {@code cos(-u)} is {@code cos(u)} (an argument's first term is
 *       positive); {@code sqrt(4*u)} is {@code 2*sqrt(u)} (an exact square first coefficient that divides the
 *       others exactly leaves the root) and {@code sqrt(exp(u))} is {@code exp(0.5*u)};</li>
 *   <li>function arguments are normal forms; a function of a constant folds only where exact ({@code sin(0)},
 *       {@code cos(0)}, {@code exp(0)}, {@code log(1)}, {@code sqrt} of an exact square), otherwise stays
 *       ({@code sin(2)});</li>
 *   <li>terms in {@link Monomial#TERM_ORDER}, the atoms of a term in {@link Monomial#ATOM_ORDER}, a coefficient 1
 *       not written, -1 written as a sign.</li>
 * </ul>
 * {@code ExpressionParser.parse(of(e).toText(), n)} gives back {@code of(e)} itself.
 */
public final class NormalForm {

    private NormalForm() {}

    /** @throws NormalFormException for an exact division by zero or an expansion past the bounds */
    public static Expression of(Expression e) {
        return terms(e).toExpression();
    }

    /** The canonical text of {@code e}. */
    public static String text(Expression e) {
        return of(e).toText();
    }

    static Terms terms(Expression e) {
        if (e instanceof Constant c) {
            return Terms.constant(c.value());
        }
        if (e instanceof Variable) {
            return Terms.atom(e);
        }
        if (e instanceof Sum s) {
            Terms sum = Terms.constant(BigDecimal.ZERO);
            for (Expression term : s.terms()) {
                sum = sum.plus(terms(term));
            }
            return sum;
        }
        if (e instanceof Product p) {
            Terms product = Terms.constant(BigDecimal.ONE);
            for (Expression factor : p.factors()) {
                product = product.times(terms(factor));
            }
            return product;
        }
        if (e instanceof Quotient q) {
            return terms(q.numerator()).times(Terms.reciprocal(terms(q.denominator())));
        }
        if (e instanceof Power p) {
            return terms(p.base()).power(p.exponent());
        }
        Call call = (Call) e;
        Terms argument = terms(call.argument());
        Expression inner = argument.toExpression();
        if (inner instanceof Call c && inverses(call.function(), c.function())) {
            return terms(c.argument());
        }
        if (argument.isConstant()) {
            BigDecimal folded = exactValue(call.function(), argument.constantValue());
            if (folded != null) {
                return Terms.constant(folded);
            }
        }
        return switch (call.function()) {
            case SIN, COS -> signed(call.function(), argument);
            case SQRT -> squareRoot(argument);
            default -> Terms.atom(new Call(call.function(), inner));
        };
    }

    /** {@code sin(-u)} is {@code -sin(u)}, {@code cos(-u)} is {@code cos(u)}: the argument's first term positive. */
    private static Terms signed(ElementaryFunction f, Terms argument) {
        if (argument.leadingCoefficient().signum() >= 0) {
            return Terms.atom(new Call(f, argument.toExpression()));
        }
        Terms call = Terms.atom(new Call(f, argument.negate().toExpression()));
        return f == ElementaryFunction.SIN ? call.negate() : call;
    }

    /**
     * {@code sqrt(c^2*u)} is {@code c*sqrt(u)} where {@code c^2} is the argument's first coefficient, an exact square
     * that divides every coefficient exactly; {@code sqrt(exp(u))} is {@code exp(0.5*u)}.
     */
    private static Terms squareRoot(Terms argument) {
        BigDecimal lead = argument.leadingCoefficient();
        BigDecimal root = lead.compareTo(BigDecimal.ONE) == 0 ? null : exactSquareRoot(lead);
        Terms divided = root == null ? null : argument.dividedExactly(lead);
        if (divided != null) {
            return Terms.constant(root).times(squareRoot(divided));
        }
        Expression exponential = argument.toExpression();
        if (exponential instanceof Call c && c.function() == ElementaryFunction.EXP) {
            Terms half = terms(c.argument()).times(Terms.constant(new BigDecimal("0.5")));
            return Terms.atom(new Call(ElementaryFunction.EXP, half.toExpression()));
        }
        return Terms.atom(new Call(ElementaryFunction.SQRT, exponential));
    }

    /** exp(log(u)) and log(exp(u)) are u wherever they are defined. */
    private static boolean inverses(ElementaryFunction outer, ElementaryFunction inner) {
        return (outer == ElementaryFunction.EXP && inner == ElementaryFunction.LOG)
                || (outer == ElementaryFunction.LOG && inner == ElementaryFunction.EXP);
    }

    /** The exact value of a function at a constant, or null where it is not a finite decimal. */
    private static BigDecimal exactValue(ElementaryFunction f, BigDecimal a) {
        return switch (f) {
            case SIN -> a.signum() == 0 ? BigDecimal.ZERO : null;
            case COS, EXP -> a.signum() == 0 ? BigDecimal.ONE : null;
            case LOG -> a.compareTo(BigDecimal.ONE) == 0 ? BigDecimal.ZERO : null;
            case SQRT -> exactSquareRoot(a);
        };
    }

    private static BigDecimal exactSquareRoot(BigDecimal a) {
        if (a.signum() < 0) {
            return null;
        }
        BigDecimal root = a.sqrt(new MathContext(a.precision() + 2));
        return root.multiply(root).compareTo(a) == 0 ? root : null;
    }
}

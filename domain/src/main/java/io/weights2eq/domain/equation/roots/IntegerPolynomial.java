package io.weights2eq.domain.equation.roots;

import io.weights2eq.domain.equation.Polynomial;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A polynomial with integer coefficients, known only up to a positive constant factor: all that root finding
 * needs (the roots and the signs), with exact arithmetic and no fractions (primitive pseudo-remainders).
 */
final class IntegerPolynomial {
    /** Ascending coefficients, no trailing zero; empty for the zero polynomial. */
    private final BigInteger[] c;

    private IntegerPolynomial(BigInteger[] ascending) {
        int n = ascending.length;
        while (n > 0 && ascending[n - 1].signum() == 0) {
            n--;
        }
        this.c = Arrays.copyOf(ascending, n);
    }

    /** The decimal polynomial times 10^scale, so every coefficient is whole; same roots, same signs. */
    static IntegerPolynomial of(Polynomial p) {
        int scale = 0;
        for (int i = 0; i <= p.degree(); i++) {
            scale = Math.max(scale, p.coefficient(i).scale());
        }
        BigInteger[] ints = new BigInteger[p.degree() + 1];
        for (int i = 0; i <= p.degree(); i++) {
            ints[i] = p.coefficient(i).setScale(scale).unscaledValue();
        }
        return new IntegerPolynomial(ints);
    }

    boolean isZero() {
        return c.length == 0;
    }

    /** The degree; -1 for the zero polynomial. */
    int degree() {
        return c.length - 1;
    }

    BigInteger coefficient(int power) {
        return power < c.length ? c[power] : BigInteger.ZERO;
    }

    BigInteger leading() {
        return c[c.length - 1];
    }

    IntegerPolynomial derivative() {
        BigInteger[] d = new BigInteger[Math.max(0, c.length - 1)];
        for (int i = 1; i < c.length; i++) {
            d[i - 1] = c[i].multiply(BigInteger.valueOf(i));
        }
        return new IntegerPolynomial(d);
    }

    IntegerPolynomial negate() {
        BigInteger[] n = new BigInteger[c.length];
        for (int i = 0; i < c.length; i++) {
            n[i] = c[i].negate();
        }
        return new IntegerPolynomial(n);
    }

    /** Divided by the (positive) gcd of its coefficients, so the numbers stay small along a remainder sequence. */
    IntegerPolynomial primitive() {
        BigInteger g = BigInteger.ZERO;
        for (BigInteger x : c) {
            g = g.gcd(x);
        }
        if (g.signum() == 0 || g.equals(BigInteger.ONE)) {
            return this;
        }
        BigInteger[] p = new BigInteger[c.length];
        for (int i = 0; i < c.length; i++) {
            p[i] = c[i].divide(g);
        }
        return new IntegerPolynomial(p);
    }

    /**
     * Quotient and remainder of {@code k·this} by {@code divisor}, with k = lc(divisor)^e for an even e large
     * enough that the division is exact over the integers: k is positive, so the remainder is a positive
     * multiple of the true remainder (what a Sturm sequence needs) and the quotient a positive multiple of the
     * true quotient.
     */
    IntegerPolynomial[] divide(IntegerPolynomial divisor) {
        if (divisor.isZero()) {
            throw new ArithmeticException("division by the zero polynomial");
        }
        int steps = Math.max(0, degree() - divisor.degree() + 1);
        int e = steps + (steps % 2);
        BigInteger lc = divisor.leading();
        BigInteger[] r = new BigInteger[c.length];
        BigInteger k = lc.pow(e);
        for (int i = 0; i < c.length; i++) {
            r[i] = c[i].multiply(k);
        }
        BigInteger[] q = new BigInteger[Math.max(0, c.length - divisor.c.length + 1)];
        Arrays.fill(q, BigInteger.ZERO);
        for (int top = c.length - 1; top >= divisor.degree(); top--) {
            if (r[top].signum() == 0) {
                continue;
            }
            // exact: lc^e·this has every needed factor of lc (e ≥ the number of division steps)
            BigInteger factor = r[top].divide(lc);
            int shift = top - divisor.degree();
            q[shift] = factor;
            for (int i = 0; i <= divisor.degree(); i++) {
                r[shift + i] = r[shift + i].subtract(factor.multiply(divisor.c[i]));
            }
        }
        return new IntegerPolynomial[] {new IntegerPolynomial(q), new IntegerPolynomial(r)};
    }

    /** The greatest common divisor, primitive, with a positive leading coefficient. */
    IntegerPolynomial gcd(IntegerPolynomial other) {
        IntegerPolynomial a = this.primitive();
        IntegerPolynomial b = other.primitive();
        while (!b.isZero()) {
            IntegerPolynomial r = a.divide(b)[1].primitive();
            a = b;
            b = r;
        }
        return a.isZero() || a.leading().signum() > 0 ? a : a.negate();
    }

    /** The sign of the value at {@code x}, computed exactly. */
    int signAt(BigDecimal x) {
        BigDecimal y = BigDecimal.ZERO;
        for (int i = c.length - 1; i >= 0; i--) {
            y = y.multiply(x).add(new BigDecimal(c[i]));
        }
        return y.signum();
    }
}

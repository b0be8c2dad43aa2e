package io.weights2eq.domain.expression;

import java.math.BigDecimal;
import java.math.BigInteger;

/** An exact fraction in lowest terms, denominator positive: how the normal form collects terms over constants. */
record Rational(BigInteger numerator, BigInteger denominator) {

    Rational {
        if (denominator.signum() == 0) {
            throw new NormalFormException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger g = numerator.gcd(denominator);
        if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
    }

    /** {@code c / d} exactly. */
    static Rational of(BigDecimal c, BigDecimal d) {
        int scale = Math.max(Math.max(c.scale(), d.scale()), 0);
        return new Rational(
                c.movePointRight(scale).toBigIntegerExact(),
                d.movePointRight(scale).toBigIntegerExact());
    }

    Rational plus(Rational o) {
        return new Rational(
                numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                denominator.multiply(o.denominator));
    }

    int signum() {
        return numerator.signum();
    }

    /** The value as a decimal where the denominator has no factors but 2 and 5; null otherwise. */
    BigDecimal exactDecimal() {
        try {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator));
        } catch (ArithmeticException nonTerminating) {
            return null;
        }
    }
}

package io.weights2eq.domain.equation.roots;

import io.weights2eq.domain.equation.Polynomial;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The largest real root of a polynomial with exact decimal coefficients, robust to multiple roots.
 *
 * <p>Exact throughout, no tolerance anywhere: the coefficients are scaled to integers; the square-free part
 * f / gcd(f, f′) has the same distinct roots, all simple; its Sturm sequence isolates the largest one inside the
 * Cauchy bound, and bisection on the exact sign of f at double points narrows it to two adjacent doubles; the
 * sign at their exact midpoint picks the nearer, so the value is the root correctly rounded to double. The
 * multiplicity is 1 + the number of the successive gcds gcd(g, g′), g₀ = f, that still vanish inside that
 * isolating interval (their roots are f's roots of higher multiplicity).
 *
 * <p>Any degree is accepted. A polynomial with no real root — a non-zero constant, an even degree that stays
 * above or below zero — has no largest root: the result is empty; so is the zero polynomial (every x is a root).
 */
public final class RealRoots {
    private RealRoots() {}

    /** The largest real root of {@code p} with its multiplicity; empty if {@code p} has no real root or is zero. */
    public static Optional<LargestRoot> largest(Polynomial p) {
        IntegerPolynomial f = IntegerPolynomial.of(p);
        if (f.degree() < 1) {
            return Optional.empty();
        }
        IntegerPolynomial g1 = f.gcd(f.derivative());
        IntegerPolynomial squareFree = f.divide(g1)[0];
        SturmSequence sturm = new SturmSequence(squareFree);
        double bound = cauchyBound(p);
        double lo = -bound;
        double hi = bound;
        int atHi = sturm.variations(exact(hi));
        if (sturm.variations(exact(lo)) - atHi == 0) {
            return Optional.empty();
        }
        // Isolate: shrink (lo, hi] until it holds exactly one distinct root, the largest.
        while (true) {
            int inside = sturm.variations(exact(lo)) - atHi;
            double mid = between(lo, hi);
            if (inside == 1 || mid == lo || mid == hi) {
                break;
            }
            int atMid = sturm.variations(exact(mid));
            if (atMid - atHi >= 1) {
                lo = mid;
            } else {
                hi = mid;
                atHi = atMid;
            }
        }
        double root = narrow(squareFree, lo, hi);
        return Optional.of(new LargestRoot(root, multiplicity(g1, lo, hi)));
    }

    /**
     * The double nearest the one simple root of {@code f} in (lo, hi]: f has one sign above it and the other
     * below it inside the interval.
     */
    private static double narrow(IntegerPolynomial f, double lo, double hi) {
        int signHi = f.signAt(exact(hi));
        if (signHi == 0) {
            return hi;
        }
        while (true) {
            double mid = between(lo, hi);
            if (mid == lo || mid == hi) {
                break;
            }
            int s = f.signAt(exact(mid));
            if (s == 0) {
                return mid;
            } else if (s == signHi) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        BigDecimal middle = exact(lo).add(exact(hi)).divide(BigDecimal.valueOf(2));
        return f.signAt(middle) == signHi ? lo : hi;
    }

    /** 1 + how many of gcd(f, f′), gcd(g, g′), … still have a root in (lo, hi], where f has only the one. */
    private static int multiplicity(IntegerPolynomial g1, double lo, double hi) {
        int multiplicity = 1;
        IntegerPolynomial g = g1;
        while (g.degree() >= 1) {
            IntegerPolynomial next = g.gcd(g.derivative());
            SturmSequence sturm = new SturmSequence(g.divide(next)[0]);
            if (sturm.variations(exact(lo)) - sturm.variations(exact(hi)) == 0) {
                break;
            }
            multiplicity++;
            g = next;
        }
        return multiplicity;
    }

    /** 1 + max |cᵢ / cₙ|, rounded up to a double: every root lies strictly inside (−bound, bound). */
    private static double cauchyBound(Polynomial p) {
        int n = p.degree();
        BigDecimal lead = p.coefficient(n).abs();
        BigDecimal max = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            max = max.max(p.coefficient(i).abs().divide(lead, new MathContext(20, RoundingMode.UP)));
        }
        double bound = Math.nextUp(max.add(BigDecimal.ONE).doubleValue());
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException(
                    "coefficients of " + p + " are too far apart: the root bound exceeds the double range");
        }
        return bound;
    }

    /**
     * A double strictly inside (lo, hi) when there is one (else lo or hi): zero when they straddle it, else the
     * arithmetic mean; but once the ends differ in magnitude by more than 2⁶⁰ (a root near zero), the middle of
     * their bit patterns, so such a root is reached in a bounded number of steps rather than one per binade.
     */
    private static double between(double lo, double hi) {
        if (lo < 0 && hi > 0) {
            return 0.0;
        }
        double a = Math.abs(lo);
        double b = Math.abs(hi);
        if (Math.max(a, b) > 0x1p60 * Math.min(a, b)) {
            long ka = Double.doubleToLongBits(a);
            long kb = Double.doubleToLongBits(b);
            double m = Double.longBitsToDouble(ka + (kb - ka) / 2);
            return lo < 0 || hi < 0 ? -m : m;
        }
        return lo / 2 + hi / 2;
    }

    private static BigDecimal exact(double x) {
        return new BigDecimal(x);
    }
}

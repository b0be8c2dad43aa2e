package io.weights2eq.domain.equation.roots;

import java.util.ArrayList;
import java.util.List;

/**
 * A second, independent way to the largest root of x³ + ax² + bx + c with whole a, b, c, for the tests: a rational
 * root of a monic integer cubic is a whole divisor of c (rational root theorem), so the whole roots are found by
 * trial in exact long arithmetic and divided out; what is left is solved by the quadratic formula, or, for an
 * irreducible cubic (no whole root, so three simple roots), by the trigonometric or Cardano formula in double,
 * polished by Newton steps. Multiplicities come from the exact factorisation.
 */
public final class CubicRootsByFactoring {
    private CubicRootsByFactoring() {}

    /** The largest real root and its multiplicity. */
    public record Root(double value, int multiplicity) {}

    public static Root largest(long a, long b, long c) {
        List<Long> whole = new ArrayList<>(); // whole roots with multiplicity, in the order found
        long[] q = {c, b, a, 1}; // ascending
        int degree = 3;
        boolean found = true;
        while (found && degree > 0) {
            found = false;
            for (long r : candidates(q[0])) {
                if (value(q, degree, r) == 0) {
                    q = deflate(q, degree, r);
                    degree--;
                    whole.add(r);
                    found = true;
                    break;
                }
            }
        }
        List<Double> others = new ArrayList<>();
        if (degree == 2) {
            double disc = (double) q[1] * q[1] - 4.0 * q[0];
            if (disc >= 0) { // disc == 0 would mean a whole double root, found above
                double s = Math.sqrt(disc);
                double big = q[1] >= 0 ? (-q[1] - s) / 2 : (-q[1] + s) / 2; // no cancellation
                others.add(big);
                others.add(q[0] / big);
            }
        } else if (degree == 1) {
            others.add((double) -q[0]);
        } else if (degree == 3) {
            others.add(largestOfIrreducible(a, b, c));
        }
        double best = Double.NEGATIVE_INFINITY;
        for (long r : whole) {
            best = Math.max(best, r);
        }
        for (double r : others) {
            best = Math.max(best, r);
        }
        int multiplicity = 0;
        for (long r : whole) {
            if (r == best) {
                multiplicity++;
            }
        }
        return new Root(best, Math.max(1, multiplicity));
    }

    /** 0 first (c = 0), then ± each divisor of |c|. */
    private static List<Long> candidates(long c) {
        List<Long> list = new ArrayList<>();
        if (c == 0) {
            list.add(0L);
            return list;
        }
        for (long d = 1; d <= Math.abs(c); d++) {
            if (c % d == 0) {
                list.add(d);
                list.add(-d);
            }
        }
        return list;
    }

    private static long value(long[] q, int degree, long x) {
        long y = 0;
        for (int i = degree; i >= 0; i--) {
            y = y * x + q[i];
        }
        return y;
    }

    /** Synthetic division by (x − r), exact since r is a root. */
    private static long[] deflate(long[] q, int degree, long r) {
        long[] out = new long[4];
        long carry = 0;
        for (int i = degree; i >= 1; i--) {
            carry = q[i] + carry * r;
            out[i - 1] = carry;
        }
        return out;
    }

    /** Largest root of an irreducible monic cubic: trigonometric (three real roots) or Cardano (one). */
    private static double largestOfIrreducible(double a, double b, double c) {
        double p = b - a * a / 3;
        double q = 2 * a * a * a / 27 - a * b / 3 + c;
        double shift = -a / 3;
        double t;
        double disc = q * q / 4 + p * p * p / 27;
        if (disc < 0) {
            double m = 2 * Math.sqrt(-p / 3);
            double theta = Math.acos(3 * q / (p * m)) / 3;
            t = m * Math.cos(theta);
        } else {
            double s = Math.sqrt(disc);
            t = Math.cbrt(-q / 2 + s) + Math.cbrt(-q / 2 - s);
        }
        double x = t + shift;
        for (int i = 0; i < 3; i++) {
            double f = ((x + a) * x + b) * x + c;
            double df = (3 * x + 2 * a) * x + b;
            if (df == 0) {
                break;
            }
            x -= f / df;
        }
        return x;
    }
}

package io.weights2eq.domain.expression;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * Whether a normal form is a usable function on a domain, and if not, why: checked on a dense grid that includes
 * every interval's ends ({@value #GRID_1D} points for one input, {@value #GRID_2D}² for two). Refused: a log or
 * sqrt whose argument is not positive somewhere, a denominator that vanishes or changes sign, a value that is not
 * finite or exceeds {@link #MAX_ABS_VALUE} in magnitude, and a function that is constant on the domain.
 */
public final class DomainCheck {

    /** Networks fit values of moderate size; beyond this the fit's error would swamp the decoding. */
    public static final double MAX_ABS_VALUE = 100;

    static final int GRID_1D = 1025;
    static final int GRID_2D = 65;

    /** A function whose values vary by less than this (relative to 1 + its largest magnitude) is constant. */
    private static final double CONSTANT_TOLERANCE = 1e-9;

    private DomainCheck() {}

    /** The reason to refuse {@code e} on {@code domain}, or empty when it is usable there. */
    public static Optional<Refusal> reasonToReject(Expression e, InputDomain domain) {
        double[] grid = grid(domain);
        int n = domain.inputs();
        List<Expression> parts = new ArrayList<>();
        collect(e, parts);
        for (Expression part : parts) {
            if (part instanceof Call call && call.function().needsPositiveArgument()) {
                double[] a = SampleEvaluator.evaluate(call.argument(), grid, n);
                int bad = firstIndex(a, v -> !(v > 0));
                if (bad >= 0) {
                    return refusal(
                            Refusal.Rule.ARGUMENT_NOT_POSITIVE,
                            call.function().text() + " needs a positive argument on " + domain + ", but "
                                    + call.argument().toText() + " is " + a[bad] + " at " + point(grid, n, bad));
                }
            } else if (part instanceof Quotient q) {
                double[] d = SampleEvaluator.evaluate(q.denominator(), grid, n);
                double sign = Math.signum(d[0]);
                int bad = firstIndex(d, v -> !(Math.signum(v) == sign && sign != 0));
                if (bad >= 0) {
                    return refusal(
                            Refusal.Rule.POLE,
                            "the denominator " + q.denominator().toText() + " vanishes or changes sign on " + domain
                                    + " (" + d[bad] + " at " + point(grid, n, bad) + ")");
                }
            }
        }
        double[] values = SampleEvaluator.evaluate(e, grid, n);
        int bad = firstIndex(values, v -> !Double.isFinite(v) || Math.abs(v) > MAX_ABS_VALUE);
        if (bad >= 0) {
            return refusal(
                    Refusal.Rule.VALUE_TOO_LARGE,
                    "the value " + values[bad] + " at " + point(grid, n, bad) + " is not finite or exceeds "
                            + MAX_ABS_VALUE + " in magnitude");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max - min <= CONSTANT_TOLERANCE * (1 + Math.max(Math.abs(min), Math.abs(max)))) {
            return refusal(Refusal.Rule.CONSTANT, "constant on " + domain + " (" + min + ")");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refusal(Refusal.Rule rule, String reason) {
        return Optional.of(new Refusal(rule, reason));
    }

    /** The check's grid, sample-major: every interval split evenly, both ends included. */
    static double[] grid(InputDomain domain) {
        if (domain.inputs() == 1) {
            return axis(domain.input(0), GRID_1D);
        }
        double[] a = axis(domain.input(0), GRID_2D);
        double[] b = axis(domain.input(1), GRID_2D);
        double[] grid = new double[2 * a.length * b.length];
        int k = 0;
        for (double u : a) {
            for (double v : b) {
                grid[k++] = u;
                grid[k++] = v;
            }
        }
        return grid;
    }

    private static double[] axis(Interval interval, int points) {
        double[] axis = new double[points];
        for (int i = 0; i < points; i++) {
            axis[i] = i == points - 1 ? interval.hi() : interval.lo() + interval.width() * i / (points - 1);
        }
        return axis;
    }

    private static void collect(Expression e, List<Expression> out) {
        out.add(e);
        e.children().forEach(child -> collect(child, out));
    }

    private static int firstIndex(double[] values, DoublePredicate bad) {
        for (int i = 0; i < values.length; i++) {
            if (bad.test(values[i])) {
                return i;
            }
        }
        return -1;
    }

    private static String point(double[] grid, int n, int index) {
        return n == 1 ? "x = " + grid[index] : "(x1, x2) = (" + grid[2 * index] + ", " + grid[2 * index + 1] + ")";
    }
}

package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;

/**
 * Points of a domain, row-major over the inputs. The fitting grid includes the domain's ends; the verification grid
 * is the midpoints of a finer one, so a candidate is verified on points it was not fitted on.
 */
record Grid(double[][] points) {
    static final int FIT_1D = 256;
    static final int FIT_2D = 24;
    static final int VERIFY_1D = 1000;
    static final int VERIFY_2D = 40;

    static Grid fitting(InputDomain domain) {
        return domain.inputs() == 1 ? of(domain, FIT_1D, false) : of(domain, FIT_2D, false);
    }

    static Grid verification(InputDomain domain) {
        return domain.inputs() == 1 ? of(domain, VERIFY_1D, true) : of(domain, VERIFY_2D, true);
    }

    /** Every {@code step}-th point: a coarser grid for the costly nonlinear refits. */
    Grid every(int step) {
        double[][] kept = new double[(points.length + step - 1) / step][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = points[i * step];
        }
        return new Grid(kept);
    }

    static double[] every(double[] values, int step) {
        double[] kept = new double[(values.length + step - 1) / step];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = values[i * step];
        }
        return kept;
    }

    int size() {
        return points.length;
    }

    double[] values(TargetFunction f) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = f.value(points[i]);
        }
        return out;
    }

    double[] values(Expr e) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = e.eval(points[i]);
        }
        return out;
    }

    private static Grid of(InputDomain domain, int perAxis, boolean midpoints) {
        int n = domain.inputs();
        double[][] axes = new double[n][];
        for (int j = 0; j < n; j++) {
            axes[j] = axis(domain.input(j), perAxis, midpoints);
        }
        int total = n == 1 ? perAxis : perAxis * perAxis;
        double[][] points = new double[total][];
        for (int i = 0; i < total; i++) {
            points[i] = n == 1 ? new double[] {axes[0][i]} : new double[] {axes[0][i / perAxis], axes[1][i % perAxis]};
        }
        return new Grid(points);
    }

    private static double[] axis(Interval interval, int count, boolean midpoints) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            double t = midpoints ? (i + 0.5) / count : (double) i / (count - 1);
            x[i] = i == count - 1 && !midpoints ? interval.hi() : interval.lo() + interval.width() * t;
        }
        return x;
    }
}

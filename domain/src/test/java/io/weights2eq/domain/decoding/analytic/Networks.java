package io.weights2eq.domain.decoding.analytic;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.function.DoubleUnaryOperator;

/** Test helper: networks built by hand to be known functions, and seeded random ones. */
final class Networks {

    private Networks() {}

    /** Parameters set one by one in {@link NetworkLayout} order; everything else zero. */
    static final class Builder {
        final NetworkLayout layout;
        final float[] p;

        Builder(int... sizes) {
            layout = new NetworkLayout(sizes);
            p = new float[layout.parameterCount()];
        }

        Builder w(int layer, int out, int in, double value) {
            p[layout.weightIndex(layer, out, in)] = (float) value;
            return this;
        }

        Builder b(int layer, int out, double value) {
            p[layout.biasIndex(layer, out)] = (float) value;
            return this;
        }

        Network build(Activation activation) {
            return new Network(layout, activation, p.clone());
        }
    }

    /** |x| = relu(x) + relu(−x), 1-2-1. */
    static Network absolute() {
        return new Builder(1, 2, 1)
                .w(0, 0, 0, 1)
                .w(0, 1, 0, -1)
                .w(1, 0, 0, 1)
                .w(1, 0, 1, 1)
                .build(Activation.RELU);
    }

    /** |x| through the default 1-8-7-8-1 layout, most weights zero. */
    static Network absoluteDefaultLayout() {
        return new Builder(1, 8, 7, 8, 1)
                .w(0, 0, 0, 1)
                .w(0, 1, 0, -1)
                .w(1, 0, 0, 1)
                .w(1, 0, 1, 1)
                .w(2, 0, 0, 1)
                .w(3, 0, 0, 1)
                .build(Activation.RELU);
    }

    /** max(0, x − s) with s the float nearest {@code shift}. */
    static Network hinge(double shift) {
        return new Builder(1, 1, 1).w(0, 0, 0, 1).b(0, 0, -shift).w(1, 0, 0, 1).build(Activation.RELU);
    }

    /** x = relu(x) − relu(−x). */
    static Network identity() {
        return new Builder(1, 2, 1)
                .w(0, 0, 0, 1)
                .w(0, 1, 0, -1)
                .w(1, 0, 0, 1)
                .w(1, 0, 1, -1)
                .build(Activation.RELU);
    }

    /** A constant network: output bias only. */
    static Network constant(double value) {
        return new Builder(1, 2, 1).b(1, 0, value).build(Activation.RELU);
    }

    /**
     * The piecewise-linear interpolant of {@code g} at 65 even knots on [-1, 1], as a 1-64-1 ReLU network: neuron 0
     * is relu(x + 1) with the first slope, neuron j ≥ 1 relu(x − x_j) with the change of slope at knot x_j, the output
     * bias g(−1).
     */
    static Network interpolant(DoubleUnaryOperator g) {
        int pieces = 64;
        double h = 2.0 / pieces;
        Builder builder = new Builder(1, pieces, 1).b(1, 0, g.applyAsDouble(-1));
        double previousSlope = 0;
        for (int j = 0; j < pieces; j++) {
            double knot = -1 + j * h;
            double slope = (g.applyAsDouble(knot + h) - g.applyAsDouble(knot)) / h;
            builder.w(0, j, 0, 1).b(0, j, -knot).w(1, 0, j, slope - previousSlope);
            previousSlope = slope;
        }
        return builder.build(Activation.RELU);
    }

    /** Every parameter uniform in [-amplitude, amplitude). */
    static Network random(NetworkLayout layout, Activation activation, long seed, double amplitude) {
        DeterministicRandom random = DeterministicRandom.ofSeed(seed);
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((2 * random.nextDouble() - 1) * amplitude);
        }
        return new Network(layout, activation, p);
    }
}

package io.weights2eq.domain.decoding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Matrix-vector kernels of the pure-Java inference, vectorised with the Vector API (row-major out × in). */
final class Dense {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private Dense() {}

    /** {@code W·x + b} for W of shape [b.length, x.length]. */
    static float[] affine(float[] weight, float[] bias, float[] x) {
        int outs = bias.length;
        int ins = x.length;
        float[] y = new float[outs];
        int bound = S.loopBound(ins);
        for (int o = 0; o < outs; o++) {
            int row = o * ins;
            FloatVector acc = FloatVector.zero(S);
            int i = 0;
            for (; i < bound; i += S.length()) {
                acc = FloatVector.fromArray(S, weight, row + i).fma(FloatVector.fromArray(S, x, i), acc);
            }
            float s = acc.reduceLanes(VectorOperators.ADD);
            for (; i < ins; i++) {
                s += weight[row + i] * x[i];
            }
            y[o] = s + bias[o];
        }
        return y;
    }

    static void relu(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                v[i] = 0;
            }
        }
    }
}

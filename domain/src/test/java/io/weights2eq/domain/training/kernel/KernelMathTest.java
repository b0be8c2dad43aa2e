package io.weights2eq.domain.training.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The kernels' activations: accurate against the JDK's Math in double, and the vector versions equal the scalar ones bit for bit. */
class KernelMathTest {

    /** Every 97th float in [-lo, hi] plus special values, as the lanes of vectors. */
    static float[] inputs(float limit) {
        java.util.List<Float> list = new java.util.ArrayList<>();
        for (float f : new float[] {
            0f,
            -0f,
            1e-30f,
            -1e-30f,
            Float.MIN_NORMAL,
            19.999998f,
            20f,
            20.000002f,
            -20f,
            7.905311f,
            -7.905311f,
            8f,
            -8f,
            80f,
            81f,
            -87f,
            -88f,
            100f,
            -100f
        }) {
            list.add(f);
        }
        for (int bits = Float.floatToRawIntBits(limit); bits > 0; bits -= 9973) {
            float f = Float.intBitsToFloat(bits);
            list.add(f);
            list.add(-f);
        }
        int lanes = VectorKernel.LANES;
        float[] out = new float[(list.size() + lanes - 1) / lanes * lanes];
        for (int i = 0; i < list.size(); i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    @Test
    void tanhExpLog1pAreAccurate() {
        double tanh = 0;
        double exp = 0;
        double log1p = 0;
        for (float x : inputs(12f)) {
            tanh = Math.max(tanh, Math.abs(KernelMath.tanh(x) - Math.tanh(x)));
        }
        for (float x = -87f; x <= 80f; x += 0.0137f) {
            exp = Math.max(exp, Math.abs(KernelMath.exp(x) / Math.exp(x) - 1));
        }
        for (float u = 1e-30f; u < 5e8f; u *= 1.003f) {
            log1p = Math.max(log1p, Math.abs(KernelMath.log1p(u) / Math.log1p(u) - 1));
        }
        assertTrue(tanh < 3e-7, "tanh absolute error " + tanh);
        assertTrue(exp < 3e-7, "exp relative error " + exp);
        assertTrue(log1p < 3e-7, "log1p relative error " + log1p);
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(KernelMath.exp(-1000f) * 0f));
        assertTrue(KernelMath.exp(-1000f) >= Float.MIN_NORMAL, "no subnormal results");
        assertTrue(Float.isFinite(KernelMath.exp(1000f)));
    }

    @Test
    void activationsAreCloseToTheTextbookOnes() {
        float[] d = new float[1];
        float[] e = new float[1];
        for (int a = 0; a < 4; a++) {
            for (float z : inputs(30f)) {
                float kernel = KernelMath.activate(a, z, d, 0);
                float exact = KernelMath.activateExact(a, z, e, 0);
                assertEquals(exact, kernel, 4e-7 * Math.max(1, Math.abs(exact)), "activation " + a + " at " + z);
                assertEquals(e[0], d[0], 1e-6, "derivative of activation " + a + " at " + z);
            }
        }
    }

    @Test
    void vectorActivationsEqualTheScalarOnesBitForBit() {
        float[] z = inputs(100f);
        int lanes = VectorKernel.LANES;
        for (int a = 0; a < 4; a++) {
            float[] h = z.clone();
            float[] slope = new float[z.length];
            VectorKernel.activate(a, h, 0, slope, 0, z.length / lanes);
            float[] d = new float[1];
            for (int i = 0; i < z.length; i++) {
                float expected = KernelMath.activate(a, z[i], d, 0);
                assertEquals(
                        Float.floatToRawIntBits(expected),
                        Float.floatToRawIntBits(h[i]),
                        "activation " + a + " at " + z[i]);
                assertEquals(
                        Float.floatToRawIntBits(d[0]), Float.floatToRawIntBits(slope[i]), "slope " + a + " at " + z[i]);
            }
        }
    }

    @Test
    void reluIsMaxWithZeroAndItsSlopeTheStep() {
        float[] d = new float[1];
        assertEquals(2.5f, KernelMath.activate(KernelMath.RELU, 2.5f, d, 0));
        assertEquals(1f, d[0]);
        assertEquals(
                Float.floatToRawIntBits(0f), Float.floatToRawIntBits(KernelMath.activate(KernelMath.RELU, -0f, d, 0)));
        assertEquals(0f, d[0]);
        assertEquals(0f, KernelMath.activate(KernelMath.RELU, -3f, d, 0));
        assertEquals(0f, d[0]);
        assertEquals(Float.MIN_VALUE, KernelMath.activate(KernelMath.RELU, Float.MIN_VALUE, d, 0));
        assertEquals(1f, d[0]);
    }
}

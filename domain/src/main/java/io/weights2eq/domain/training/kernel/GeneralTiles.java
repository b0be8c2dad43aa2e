package io.weights2eq.domain.training.kernel;

import static io.weights2eq.domain.training.kernel.VectorKernel.LANES;
import static io.weights2eq.domain.training.kernel.VectorKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * {@link VectorKernel}'s register tiles for layouts other than {@code NetworkLayout.DEFAULT}: forward
 * (4 samples × 2 or 1 units), weight gradient (2 or 1 outputs × 4, 2 or 1 inputs), bias gradient and input
 * gradient (4 samples × 2 or 1 inputs), on the block scratch layout {@code [sample][unit][lane]}. The order
 * of the operations into every value is {@link ScalarBackend}'s, as in the generated {@link DefaultLayoutKernel}.
 */
final class GeneralTiles {
    private static final int L = LANES;

    private GeneralTiles() {
    }

    /** z[s][o+c] = b[o+c] + Σ_i W[o+c][i]·a[s][i] for s in 0..3, c in 0..1; FMAs in input order. */
    static void fwd4x2(float[] p, int w0, int ins, int b0, float[] a, int a0, int aStride,
            float[] z, int z0, int zStride) {
        int w1 = w0 + ins * L;
        FloatVector bias0 = FloatVector.fromArray(SPECIES, p, b0);
        FloatVector bias1 = FloatVector.fromArray(SPECIES, p, b0 + L);
        FloatVector z00 = bias0, z01 = bias1, z10 = bias0, z11 = bias1;
        FloatVector z20 = bias0, z21 = bias1, z30 = bias0, z31 = bias1;
        int a1 = a0 + aStride, a2 = a1 + aStride, a3 = a2 + aStride;
        for (int i = 0; i < ins * L; i += L) {
            FloatVector wa = FloatVector.fromArray(SPECIES, p, w0 + i);
            FloatVector wb = FloatVector.fromArray(SPECIES, p, w1 + i);
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, a0 + i);
            z00 = wa.fma(x0, z00);
            z01 = wb.fma(x0, z01);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a, a1 + i);
            z10 = wa.fma(x1, z10);
            z11 = wb.fma(x1, z11);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a, a2 + i);
            z20 = wa.fma(x2, z20);
            z21 = wb.fma(x2, z21);
            FloatVector x3 = FloatVector.fromArray(SPECIES, a, a3 + i);
            z30 = wa.fma(x3, z30);
            z31 = wb.fma(x3, z31);
        }
        z00.intoArray(z, z0);
        z01.intoArray(z, z0 + L);
        z10.intoArray(z, z0 + zStride);
        z11.intoArray(z, z0 + zStride + L);
        z20.intoArray(z, z0 + 2 * zStride);
        z21.intoArray(z, z0 + 2 * zStride + L);
        z30.intoArray(z, z0 + 3 * zStride);
        z31.intoArray(z, z0 + 3 * zStride + L);
    }

    static void fwd4x1(float[] p, int w0, int ins, int b0, float[] a, int a0, int aStride,
            float[] z, int z0, int zStride) {
        FloatVector bias0 = FloatVector.fromArray(SPECIES, p, b0);
        FloatVector z00 = bias0, z10 = bias0, z20 = bias0, z30 = bias0;
        int a1 = a0 + aStride, a2 = a1 + aStride, a3 = a2 + aStride;
        for (int i = 0; i < ins * L; i += L) {
            FloatVector wa = FloatVector.fromArray(SPECIES, p, w0 + i);
            z00 = wa.fma(FloatVector.fromArray(SPECIES, a, a0 + i), z00);
            z10 = wa.fma(FloatVector.fromArray(SPECIES, a, a1 + i), z10);
            z20 = wa.fma(FloatVector.fromArray(SPECIES, a, a2 + i), z20);
            z30 = wa.fma(FloatVector.fromArray(SPECIES, a, a3 + i), z30);
        }
        z00.intoArray(z, z0);
        z10.intoArray(z, z0 + zStride);
        z20.intoArray(z, z0 + 2 * zStride);
        z30.intoArray(z, z0 + 3 * zStride);
    }

    /** g[o+r][i+c] += Σ_s d[s][o+r]·a[s][i+c], r in 0..1, c in 0..3; samples in order. */
    static void wgrad2x4(float[] g, int g0, int gStride, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        int g1 = g0 + gStride;
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, g, g0 + L);
        FloatVector s02 = FloatVector.fromArray(SPECIES, g, g0 + 2 * L);
        FloatVector s03 = FloatVector.fromArray(SPECIES, g, g0 + 3 * L);
        FloatVector s10 = FloatVector.fromArray(SPECIES, g, g1);
        FloatVector s11 = FloatVector.fromArray(SPECIES, g, g1 + L);
        FloatVector s12 = FloatVector.fromArray(SPECIES, g, g1 + 2 * L);
        FloatVector s13 = FloatVector.fromArray(SPECIES, g, g1 + 3 * L);
        for (int s = 0; s < bs; s++) {
            int dq = d0 + s * dStride;
            int aq = a0 + s * aStride;
            FloatVector da = FloatVector.fromArray(SPECIES, d, dq);
            FloatVector db = FloatVector.fromArray(SPECIES, d, dq + L);
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, aq);
            s00 = da.fma(x0, s00);
            s10 = db.fma(x0, s10);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a, aq + L);
            s01 = da.fma(x1, s01);
            s11 = db.fma(x1, s11);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a, aq + 2 * L);
            s02 = da.fma(x2, s02);
            s12 = db.fma(x2, s12);
            FloatVector x3 = FloatVector.fromArray(SPECIES, a, aq + 3 * L);
            s03 = da.fma(x3, s03);
            s13 = db.fma(x3, s13);
        }
        s00.intoArray(g, g0);
        s01.intoArray(g, g0 + L);
        s02.intoArray(g, g0 + 2 * L);
        s03.intoArray(g, g0 + 3 * L);
        s10.intoArray(g, g1);
        s11.intoArray(g, g1 + L);
        s12.intoArray(g, g1 + 2 * L);
        s13.intoArray(g, g1 + 3 * L);
    }

    static void wgrad1x4(float[] g, int g0, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, g, g0 + L);
        FloatVector s02 = FloatVector.fromArray(SPECIES, g, g0 + 2 * L);
        FloatVector s03 = FloatVector.fromArray(SPECIES, g, g0 + 3 * L);
        for (int s = 0; s < bs; s++) {
            int aq = a0 + s * aStride;
            FloatVector da = FloatVector.fromArray(SPECIES, d, d0 + s * dStride);
            s00 = da.fma(FloatVector.fromArray(SPECIES, a, aq), s00);
            s01 = da.fma(FloatVector.fromArray(SPECIES, a, aq + L), s01);
            s02 = da.fma(FloatVector.fromArray(SPECIES, a, aq + 2 * L), s02);
            s03 = da.fma(FloatVector.fromArray(SPECIES, a, aq + 3 * L), s03);
        }
        s00.intoArray(g, g0);
        s01.intoArray(g, g0 + L);
        s02.intoArray(g, g0 + 2 * L);
        s03.intoArray(g, g0 + 3 * L);
    }

    static void wgrad2x2(float[] g, int g0, int gStride, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        int g1 = g0 + gStride;
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, g, g0 + L);
        FloatVector s10 = FloatVector.fromArray(SPECIES, g, g1);
        FloatVector s11 = FloatVector.fromArray(SPECIES, g, g1 + L);
        for (int s = 0; s < bs; s++) {
            int dq = d0 + s * dStride;
            int aq = a0 + s * aStride;
            FloatVector da = FloatVector.fromArray(SPECIES, d, dq);
            FloatVector db = FloatVector.fromArray(SPECIES, d, dq + L);
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, aq);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a, aq + L);
            s00 = da.fma(x0, s00);
            s10 = db.fma(x0, s10);
            s01 = da.fma(x1, s01);
            s11 = db.fma(x1, s11);
        }
        s00.intoArray(g, g0);
        s01.intoArray(g, g0 + L);
        s10.intoArray(g, g1);
        s11.intoArray(g, g1 + L);
    }

    static void wgrad1x2(float[] g, int g0, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, g, g0 + L);
        for (int s = 0; s < bs; s++) {
            int aq = a0 + s * aStride;
            FloatVector da = FloatVector.fromArray(SPECIES, d, d0 + s * dStride);
            s00 = da.fma(FloatVector.fromArray(SPECIES, a, aq), s00);
            s01 = da.fma(FloatVector.fromArray(SPECIES, a, aq + L), s01);
        }
        s00.intoArray(g, g0);
        s01.intoArray(g, g0 + L);
    }

    static void wgrad2x1(float[] g, int g0, int gStride, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        int g1 = g0 + gStride;
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s10 = FloatVector.fromArray(SPECIES, g, g1);
        for (int s = 0; s < bs; s++) {
            int dq = d0 + s * dStride;
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, a0 + s * aStride);
            s00 = FloatVector.fromArray(SPECIES, d, dq).fma(x0, s00);
            s10 = FloatVector.fromArray(SPECIES, d, dq + L).fma(x0, s10);
        }
        s00.intoArray(g, g0);
        s10.intoArray(g, g1);
    }

    static void wgrad1x1(float[] g, int g0, float[] d, int d0, int dStride,
            float[] a, int a0, int aStride, int bs) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, g, g0);
        for (int s = 0; s < bs; s++) {
            s00 = FloatVector.fromArray(SPECIES, d, d0 + s * dStride)
                    .fma(FloatVector.fromArray(SPECIES, a, a0 + s * aStride), s00);
        }
        s00.intoArray(g, g0);
    }

    /** Bias gradients of 4 consecutive units: g[u] += Σ_s d[s][u]. */
    static void bgrad4(float[] g, int g0, float[] d, int d0, int dStride, int bs) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, g, g0);
        FloatVector s1 = FloatVector.fromArray(SPECIES, g, g0 + L);
        FloatVector s2 = FloatVector.fromArray(SPECIES, g, g0 + 2 * L);
        FloatVector s3 = FloatVector.fromArray(SPECIES, g, g0 + 3 * L);
        for (int s = 0; s < bs; s++) {
            int dq = d0 + s * dStride;
            s0 = s0.add(FloatVector.fromArray(SPECIES, d, dq));
            s1 = s1.add(FloatVector.fromArray(SPECIES, d, dq + L));
            s2 = s2.add(FloatVector.fromArray(SPECIES, d, dq + 2 * L));
            s3 = s3.add(FloatVector.fromArray(SPECIES, d, dq + 3 * L));
        }
        s0.intoArray(g, g0);
        s1.intoArray(g, g0 + L);
        s2.intoArray(g, g0 + 2 * L);
        s3.intoArray(g, g0 + 3 * L);
    }

    static void wgrad1bias(float[] g, int g0, float[] d, int d0, int dStride, int bs) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, g, g0);
        for (int s = 0; s < bs; s++) {
            s0 = s0.add(FloatVector.fromArray(SPECIES, d, d0 + s * dStride));
        }
        s0.intoArray(g, g0);
    }

    /**
     * Input gradient of 4 samples × 2 inputs, times the slope below, in place:
     * slope[s][i+c] = (Σ_o W[o][i+c]·d[s][o]) · slope[s][i+c]; FMAs in output order from +0.
     */
    static void igrad4x2(float[] p, int w0, int wStride, int outs, float[] d, int d0, int dStride,
            int c0, int cStride) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector t00 = zero, t01 = zero, t10 = zero, t11 = zero;
        FloatVector t20 = zero, t21 = zero, t30 = zero, t31 = zero;
        int d1 = d0 + dStride, d2 = d1 + dStride, d3 = d2 + dStride;
        for (int o = 0, wq = w0, dq = 0; o < outs; o++, wq += wStride, dq += L) {
            FloatVector wa = FloatVector.fromArray(SPECIES, p, wq);
            FloatVector wb = FloatVector.fromArray(SPECIES, p, wq + L);
            FloatVector e0 = FloatVector.fromArray(SPECIES, d, d0 + dq);
            t00 = wa.fma(e0, t00);
            t01 = wb.fma(e0, t01);
            FloatVector e1 = FloatVector.fromArray(SPECIES, d, d1 + dq);
            t10 = wa.fma(e1, t10);
            t11 = wb.fma(e1, t11);
            FloatVector e2 = FloatVector.fromArray(SPECIES, d, d2 + dq);
            t20 = wa.fma(e2, t20);
            t21 = wb.fma(e2, t21);
            FloatVector e3 = FloatVector.fromArray(SPECIES, d, d3 + dq);
            t30 = wa.fma(e3, t30);
            t31 = wb.fma(e3, t31);
        }
        int c1 = c0 + cStride, c2 = c1 + cStride, c3 = c2 + cStride;
        t00.mul(FloatVector.fromArray(SPECIES, d, c0)).intoArray(d, c0);
        t01.mul(FloatVector.fromArray(SPECIES, d, c0 + L)).intoArray(d, c0 + L);
        t10.mul(FloatVector.fromArray(SPECIES, d, c1)).intoArray(d, c1);
        t11.mul(FloatVector.fromArray(SPECIES, d, c1 + L)).intoArray(d, c1 + L);
        t20.mul(FloatVector.fromArray(SPECIES, d, c2)).intoArray(d, c2);
        t21.mul(FloatVector.fromArray(SPECIES, d, c2 + L)).intoArray(d, c2 + L);
        t30.mul(FloatVector.fromArray(SPECIES, d, c3)).intoArray(d, c3);
        t31.mul(FloatVector.fromArray(SPECIES, d, c3 + L)).intoArray(d, c3 + L);
    }

    static void igrad4x1(float[] p, int w0, int wStride, int outs, float[] d, int d0, int dStride,
            int c0, int cStride) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector t00 = zero, t10 = zero, t20 = zero, t30 = zero;
        int d1 = d0 + dStride, d2 = d1 + dStride, d3 = d2 + dStride;
        for (int o = 0, wq = w0, dq = 0; o < outs; o++, wq += wStride, dq += L) {
            FloatVector wa = FloatVector.fromArray(SPECIES, p, wq);
            t00 = wa.fma(FloatVector.fromArray(SPECIES, d, d0 + dq), t00);
            t10 = wa.fma(FloatVector.fromArray(SPECIES, d, d1 + dq), t10);
            t20 = wa.fma(FloatVector.fromArray(SPECIES, d, d2 + dq), t20);
            t30 = wa.fma(FloatVector.fromArray(SPECIES, d, d3 + dq), t30);
        }
        int c1 = c0 + cStride, c2 = c1 + cStride, c3 = c2 + cStride;
        t00.mul(FloatVector.fromArray(SPECIES, d, c0)).intoArray(d, c0);
        t10.mul(FloatVector.fromArray(SPECIES, d, c1)).intoArray(d, c1);
        t20.mul(FloatVector.fromArray(SPECIES, d, c2)).intoArray(d, c2);
        t30.mul(FloatVector.fromArray(SPECIES, d, c3)).intoArray(d, c3);
    }
}

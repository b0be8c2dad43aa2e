package io.weights2eq.domain.training.kernel;

import static io.weights2eq.domain.training.kernel.KernelMath.EXP_MAX;
import static io.weights2eq.domain.training.kernel.KernelMath.EXP_MIN;
import static io.weights2eq.domain.training.kernel.KernelMath.EXP_P0;
import static io.weights2eq.domain.training.kernel.KernelMath.EXP_P1;
import static io.weights2eq.domain.training.kernel.KernelMath.EXP_P2;
import static io.weights2eq.domain.training.kernel.KernelMath.EXP_P3;
import static io.weights2eq.domain.training.kernel.KernelMath.EXP_P4;
import static io.weights2eq.domain.training.kernel.KernelMath.EXP_P5;
import static io.weights2eq.domain.training.kernel.KernelMath.LN2_HI;
import static io.weights2eq.domain.training.kernel.KernelMath.LN2_LO;
import static io.weights2eq.domain.training.kernel.KernelMath.LOG2E;
import static io.weights2eq.domain.training.kernel.KernelMath.ROUND_MAGIC;
import static io.weights2eq.domain.training.kernel.KernelMath.ROUND_MAGIC_BITS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link KernelMath}'s activations lane by lane, one loop per activation over a run of vectors:
 * act[q] = act(z) in place and slope[q + shift] = act'(z). The same operations in the same order as the
 * scalar functions, so the bits are the same.
 *
 * <p>Everything is written inline in the loops, on purpose: a small helper taking or returning a
 * {@code FloatVector} is only free when the JIT inlines it, and a helper that was compiled on its own first
 * (its code then exceeds {@code InlineSmallCode}) is called instead, boxing every vector. That happened
 * here and made softplus 8× slower.
 */
final class VectorActivations {
    private static final VectorSpecies<Float> S = VectorKernel.SPECIES;
    private static final int L = VectorKernel.LANES;
    private static final VectorSpecies<Integer> IS = S.withLanes(int.class);

    private VectorActivations() {}

    static void relu(float[] act, int from, int end, float[] slope, int shift) {
        for (int q = from; q < end; q += L) {
            IntVector bits = FloatVector.fromArray(S, act, q).reinterpretAsInts();
            IntVector h = bits.lanewise(VectorOperators.AND_NOT, bits.lanewise(VectorOperators.ASHR, 31));
            h.reinterpretAsFloats().intoArray(act, q);
            ((FloatVector) h.min(1).convert(VectorOperators.I2F, 0)).intoArray(slope, q + shift);
        }
    }

    static void tanh(float[] act, int from, int end, float[] slope, int shift) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector a9 = FloatVector.broadcast(S, KernelMath.TANH_A9);
        FloatVector a7 = FloatVector.broadcast(S, KernelMath.TANH_A7);
        FloatVector a5 = FloatVector.broadcast(S, KernelMath.TANH_A5);
        FloatVector a3 = FloatVector.broadcast(S, KernelMath.TANH_A3);
        FloatVector a1 = FloatVector.broadcast(S, KernelMath.TANH_A1);
        FloatVector b2 = FloatVector.broadcast(S, KernelMath.TANH_B2);
        FloatVector b0 = FloatVector.broadcast(S, KernelMath.TANH_B0);
        IntVector magic = IntVector.broadcast(IS, KernelMath.RCP_MAGIC);
        for (int q = from; q < end; q += L) {
            IntVector bits = FloatVector.fromArray(S, act, q).reinterpretAsInts();
            FloatVector c = bits.and(KernelMath.ABS_MASK)
                    .min(KernelMath.TANH_CLAMP_BITS)
                    .or(bits.and(KernelMath.SIGN_MASK))
                    .reinterpretAsFloats();
            FloatVector x2 = c.mul(c);
            FloatVector p = x2.fma(KernelMath.TANH_A13, KernelMath.TANH_A11);
            p = x2.fma(p, a9);
            p = x2.fma(p, a7);
            p = x2.fma(p, a5);
            p = x2.fma(p, a3);
            p = x2.fma(p, a1);
            p = c.mul(p);
            FloatVector d = x2.fma(KernelMath.TANH_B6, KernelMath.TANH_B4);
            d = x2.fma(d, b2);
            d = x2.fma(d, b0);
            // reciprocal(d): seed from the bits, three Newton steps (KernelMath.reciprocal)
            FloatVector minusD = d.neg();
            FloatVector r = magic.sub(d.reinterpretAsInts()).reinterpretAsFloats();
            r = r.fma(minusD.fma(r, one), r);
            r = r.fma(minusD.fma(r, one), r);
            r = r.fma(minusD.fma(r, one), r);
            FloatVector h = p.mul(r);
            h.intoArray(act, q);
            h.neg().fma(h, one).intoArray(slope, q + shift);
        }
    }

    static void sigmoid(float[] act, int from, int end, float[] slope, int shift) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector lnHi = FloatVector.broadcast(S, -LN2_HI);
        FloatVector lnLo = FloatVector.broadcast(S, -LN2_LO);
        FloatVector p2 = FloatVector.broadcast(S, EXP_P2);
        FloatVector p3 = FloatVector.broadcast(S, EXP_P3);
        FloatVector p4 = FloatVector.broadcast(S, EXP_P4);
        FloatVector p5 = FloatVector.broadcast(S, EXP_P5);
        IntVector magic = IntVector.broadcast(IS, KernelMath.RCP_MAGIC);
        for (int q = from; q < end; q += L) {
            FloatVector x = FloatVector.fromArray(S, act, q).neg();
            // e = exp(-z), KernelMath.exp inline
            FloatVector c = x.blend(EXP_MAX, x.compare(VectorOperators.GT, EXP_MAX));
            c = c.blend(EXP_MIN, c.compare(VectorOperators.LT, EXP_MIN));
            FloatVector r = c.fma(LOG2E, ROUND_MAGIC);
            FloatVector n = r.sub(ROUND_MAGIC);
            FloatVector f = n.fma(lnHi, c);
            f = n.fma(lnLo, f);
            FloatVector poly = f.fma(EXP_P0, EXP_P1);
            poly = poly.fma(f, p2);
            poly = poly.fma(f, p3);
            poly = poly.fma(f, p4);
            poly = poly.fma(f, p5);
            poly = poly.fma(f.mul(f), f);
            poly = poly.add(1f);
            FloatVector scale = r.reinterpretAsInts()
                    .sub(ROUND_MAGIC_BITS - 127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector e = poly.mul(scale);
            // h = reciprocal(1 + e) (KernelMath.reciprocal)
            FloatVector w = e.add(1f);
            FloatVector minusW = w.neg();
            FloatVector h = magic.sub(w.reinterpretAsInts()).reinterpretAsFloats();
            h = h.fma(minusW.fma(h, one), h);
            h = h.fma(minusW.fma(h, one), h);
            h = h.fma(minusW.fma(h, one), h);
            h.intoArray(act, q);
            h.mul(one.sub(h)).intoArray(slope, q + shift);
        }
    }

    static void softplus(float[] act, int from, int end, float[] slope, int shift) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector lnHi = FloatVector.broadcast(S, -LN2_HI);
        FloatVector lnLo = FloatVector.broadcast(S, -LN2_LO);
        FloatVector lnHiPlus = FloatVector.broadcast(S, LN2_HI);
        FloatVector lnLoPlus = FloatVector.broadcast(S, LN2_LO);
        FloatVector minusHalf = FloatVector.broadcast(S, -0.5f);
        FloatVector p2 = FloatVector.broadcast(S, EXP_P2);
        FloatVector p3 = FloatVector.broadcast(S, EXP_P3);
        FloatVector p4 = FloatVector.broadcast(S, EXP_P4);
        FloatVector p5 = FloatVector.broadcast(S, EXP_P5);
        FloatVector l2 = FloatVector.broadcast(S, KernelMath.LOG_P2);
        FloatVector l3 = FloatVector.broadcast(S, KernelMath.LOG_P3);
        FloatVector l4 = FloatVector.broadcast(S, KernelMath.LOG_P4);
        FloatVector l5 = FloatVector.broadcast(S, KernelMath.LOG_P5);
        FloatVector l6 = FloatVector.broadcast(S, KernelMath.LOG_P6);
        FloatVector l7 = FloatVector.broadcast(S, KernelMath.LOG_P7);
        FloatVector l8 = FloatVector.broadcast(S, KernelMath.LOG_P8);
        for (int q = from; q < end; q += L) {
            FloatVector z = FloatVector.fromArray(S, act, q);
            // e = exp(z), KernelMath.exp inline
            FloatVector c = z.blend(EXP_MAX, z.compare(VectorOperators.GT, EXP_MAX));
            c = c.blend(EXP_MIN, c.compare(VectorOperators.LT, EXP_MIN));
            FloatVector r = c.fma(LOG2E, ROUND_MAGIC);
            FloatVector n = r.sub(ROUND_MAGIC);
            FloatVector f = n.fma(lnHi, c);
            f = n.fma(lnLo, f);
            FloatVector poly = f.fma(EXP_P0, EXP_P1);
            poly = poly.fma(f, p2);
            poly = poly.fma(f, p3);
            poly = poly.fma(f, p4);
            poly = poly.fma(f, p5);
            poly = poly.fma(f.mul(f), f);
            poly = poly.add(1f);
            FloatVector scale = r.reinterpretAsInts()
                    .sub(ROUND_MAGIC_BITS - 127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector e = poly.mul(scale);
            // log1p(e) = w == 1 ? e : log(w) · (e / (w − 1)), w = 1 + e; KernelMath.log inline
            FloatVector w = e.add(1f);
            IntVector bits = w.reinterpretAsInts();
            FloatVector ex = (FloatVector)
                    bits.lanewise(VectorOperators.ASHR, 23).sub(127).convert(VectorOperators.I2F, 0);
            FloatVector mant =
                    bits.and(KernelMath.MANTISSA_MASK).or(KernelMath.ONE_BITS).reinterpretAsFloats();
            VectorMask<Float> high = mant.compare(VectorOperators.GE, KernelMath.SQRT2);
            FloatVector fr = mant.sub(1f).blend(mant.fma(0.5f, -1f), high);
            ex = ex.blend(ex.add(1f), high);
            FloatVector fr2 = fr.mul(fr);
            FloatVector y = fr.fma(KernelMath.LOG_P0, KernelMath.LOG_P1);
            y = y.fma(fr, l2);
            y = y.fma(fr, l3);
            y = y.fma(fr, l4);
            y = y.fma(fr, l5);
            y = y.fma(fr, l6);
            y = y.fma(fr, l7);
            y = y.fma(fr, l8);
            y = y.mul(fr).mul(fr2);
            y = ex.fma(lnLoPlus, y);
            y = fr2.fma(minusHalf, y);
            FloatVector logW = ex.fma(lnHiPlus, fr.add(y));
            FloatVector log1p = logW.mul(e.div(w.sub(1f))).blend(e, w.compare(VectorOperators.EQ, 1f));
            VectorMask<Float> linear = z.compare(VectorOperators.GT, KernelMath.SOFTPLUS_THRESHOLD);
            log1p.blend(z, linear).intoArray(act, q);
            e.div(e.add(1f)).blend(one, linear).intoArray(slope, q + shift);
        }
    }
}

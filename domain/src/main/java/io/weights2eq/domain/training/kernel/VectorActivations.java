package io.weights2eq.domain.training.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link KernelMath}'s relu and tanh lane by lane, one loop per activation over a run of vectors:
 * act[q] = act(z) in place and slope[q + shift] = act'(z). The same operations in the same order as the
 * scalar functions, so the bits are the same.
 *
 * <p>Everything is written inline in the loops, on purpose: a small helper taking or returning a
 * {@code FloatVector} is only free when the JIT inlines it, and a helper that was compiled on its own first
 * (its code then exceeds {@code InlineSmallCode}) is called instead, boxing every vector. That happened
 * here and made softplus 8× slower. Sigmoid and softplus, which both hold the exp inline, are generated
 * into {@link ExpActivations}.
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
}

package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.network.Activation;

/**
 * The kernels' float arithmetic that is not a plain IEEE operation: the hidden activations and their
 * derivatives, and the Adam step constants. Every function here is written out of IEEE-exact float
 * operations ({@code +, -, *, /, sqrt}, {@link Math#fma}, comparisons, bit moves) in a fixed order, and
 * {@code VectorKernel} performs exactly the same operations lane by lane, so that the scalar and the
 * vector kernels give the same float bits for every activation, on every machine and JIT tier.
 *
 * <p>No class of {@code jdk.incubator.vector} is referenced here: the scalar backend must load without it.
 *
 * <h2>Approximations (measured against {@code Math.tanh/exp/log1p} in double by {@code KernelMathTest})</h2>
 * <ul>
 *   <li>{@code tanh}: the magnitude is clamped to {@value #TANH_CLAMP} (integer min on the bits, the sign
 *       kept), then an odd 13th-degree over even 6th-degree rational function (the minimax form used by
 *       Eigen's fast float tanh) is evaluated with FMAs (Horner); the quotient is p · {@link #reciprocal}(q),
 *       no division. Absolute error below 3e-7.</li>
 *   <li>{@code exp}: the argument is clamped to [{@value #EXP_MIN}, {@value #EXP_MAX}] (no overflow, no
 *       subnormal results), reduced by n = round(x·log2 e) (Cody–Waite, two-part ln 2), a degree-6
 *       polynomial (Cephes {@code expf}) and a scaling by 2^n built from the exponent bits. Relative error
 *       below 3e-7.</li>
 *   <li>{@code log1p(u)} for u &gt; 0: w = 1 + u; u if w == 1, else log(w)·(u / (w − 1)) (the classic
 *       correction of the rounding of 1 + u), with log(w) from the exponent bits and a degree-9 polynomial
 *       on [√½, √2) (Cephes {@code logf}). Relative error below 3e-7.</li>
 * </ul>
 *
 * <h2>Activations, h = act(z) and the derivative d = act'(z) the backward pass multiplies by</h2>
 * <ul>
 *   <li>relu: h = z with its sign bit set → +0 (bits(h) = bits(z) &amp; ~(bits(z) &gt;&gt; 31)), which is
 *       max(z, 0) for every z but NaN; d = (float) min(bits(h), 1), i.e. 1 if h &gt; 0 else 0. Written with
 *       integer operations because they are cheaper than vector masks in the JDK 17 Vector API.</li>
 *   <li>tanh: h = tanh(z); d = fma(−h, h, 1) (= 1 − h²).</li>
 *   <li>sigmoid: e = exp(−z); h = {@link #reciprocal}(1 + e); d = h · (1 − h).</li>
 *   <li>softplus (PyTorch's, β = 1, threshold 20): z &gt; 20 ? (h = z, d = 1) : (e = exp(z),
 *       h = log1p(e), d = e / (e + 1)).</li>
 * </ul>
 */
final class KernelMath {
    static final int RELU = 0;
    static final int TANH = 1;
    static final int SIGMOID = 2;
    static final int SOFTPLUS = 3;

    // tanh(x) ≈ x·P(x²)/Q(x²) on [-c, c]
    static final float TANH_CLAMP = 7.90531110763549805f;
    static final int TANH_CLAMP_BITS = Float.floatToRawIntBits(TANH_CLAMP);
    static final int ABS_MASK = 0x7FFFFFFF;
    static final int SIGN_MASK = 0x80000000;
    static final int RCP_MAGIC = 0x7EF311C3;
    static final float TANH_A1 = 4.89352455891786e-03f;
    static final float TANH_A3 = 6.37261928875436e-04f;
    static final float TANH_A5 = 1.48572235717979e-05f;
    static final float TANH_A7 = 5.12229709037114e-08f;
    static final float TANH_A9 = -8.60467152213735e-11f;
    static final float TANH_A11 = 2.00018790482477e-13f;
    static final float TANH_A13 = -2.76076847742355e-16f;
    static final float TANH_B0 = 4.89352518554385e-03f;
    static final float TANH_B2 = 2.26843463243900e-03f;
    static final float TANH_B4 = 1.18534705686654e-04f;
    static final float TANH_B6 = 1.19825839466702e-06f;

    // exp
    static final float EXP_MIN = -87f;
    static final float EXP_MAX = 80f;
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer (round to nearest even). */
    static final float ROUND_MAGIC = 12582912f;

    static final int ROUND_MAGIC_BITS = 0x4B400000;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float EXP_P0 = 1.9875691500e-4f;
    static final float EXP_P1 = 1.3981999507e-3f;
    static final float EXP_P2 = 8.3334519073e-3f;
    static final float EXP_P3 = 4.1665795894e-2f;
    static final float EXP_P4 = 1.6666665459e-1f;
    static final float EXP_P5 = 5.0000001201e-1f;

    // log
    static final float SQRT2 = 1.41421356237f;
    static final int MANTISSA_MASK = 0x007FFFFF;
    static final int ONE_BITS = 0x3F800000;
    static final float LOG_P0 = 7.0376836292e-2f;
    static final float LOG_P1 = -1.1514610310e-1f;
    static final float LOG_P2 = 1.1676998740e-1f;
    static final float LOG_P3 = -1.2420140846e-1f;
    static final float LOG_P4 = 1.4249322787e-1f;
    static final float LOG_P5 = -1.6668057665e-1f;
    static final float LOG_P6 = 2.0000714765e-1f;
    static final float LOG_P7 = -2.4999993993e-1f;
    static final float LOG_P8 = 3.3333331174e-1f;

    static final float SOFTPLUS_THRESHOLD = 20f;

    private KernelMath() {}

    static int code(Activation activation) {
        return switch (activation) {
            case RELU -> RELU;
            case TANH -> TANH;
            case SIGMOID -> SIGMOID;
            case SOFTPLUS -> SOFTPLUS;
        };
    }

    static float tanh(float x) {
        int bits = Float.floatToRawIntBits(x);
        float c = Float.intBitsToFloat(Math.min(bits & ABS_MASK, TANH_CLAMP_BITS) | (bits & SIGN_MASK));
        float x2 = c * c;
        float p = Math.fma(x2, TANH_A13, TANH_A11);
        p = Math.fma(x2, p, TANH_A9);
        p = Math.fma(x2, p, TANH_A7);
        p = Math.fma(x2, p, TANH_A5);
        p = Math.fma(x2, p, TANH_A3);
        p = Math.fma(x2, p, TANH_A1);
        p = c * p;
        float q = Math.fma(x2, TANH_B6, TANH_B4);
        q = Math.fma(x2, q, TANH_B2);
        q = Math.fma(x2, q, TANH_B0);
        return p * reciprocal(q);
    }

    /**
     * 1/q for a positive normal q without a division (a vector division is 5–10 times slower than an FMA):
     * the seed RCP_MAGIC − bits(q) (relative error below 12 %), then three Newton steps r = r + r·(1 − q·r)
     * with FMAs (error below 1e-7 before the final rounding).
     */
    static float reciprocal(float q) {
        float r = Float.intBitsToFloat(RCP_MAGIC - Float.floatToRawIntBits(q));
        r = Math.fma(r, Math.fma(-q, r, 1f), r);
        r = Math.fma(r, Math.fma(-q, r, 1f), r);
        return Math.fma(r, Math.fma(-q, r, 1f), r);
    }

    static float exp(float x) {
        float c = x > EXP_MAX ? EXP_MAX : x;
        c = c < EXP_MIN ? EXP_MIN : c;
        float r = Math.fma(c, LOG2E, ROUND_MAGIC);
        float n = r - ROUND_MAGIC;
        float f = Math.fma(n, -LN2_HI, c);
        f = Math.fma(n, -LN2_LO, f);
        float p = Math.fma(EXP_P0, f, EXP_P1);
        p = Math.fma(p, f, EXP_P2);
        p = Math.fma(p, f, EXP_P3);
        p = Math.fma(p, f, EXP_P4);
        p = Math.fma(p, f, EXP_P5);
        float f2 = f * f;
        p = Math.fma(p, f2, f);
        p = p + 1f;
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(r) - ROUND_MAGIC_BITS + 127) << 23);
        return p * scale;
    }

    /** log(w) for a finite normal w &gt; 0. */
    static float log(float w) {
        int bits = Float.floatToRawIntBits(w);
        float e = (float) ((bits >> 23) - 127);
        float m = Float.intBitsToFloat((bits & MANTISSA_MASK) | ONE_BITS); // [1, 2)
        boolean high = m >= SQRT2;
        float f = high ? Math.fma(m, 0.5f, -1f) : m - 1f;
        e = high ? e + 1f : e;
        float z = f * f;
        float y = Math.fma(LOG_P0, f, LOG_P1);
        y = Math.fma(y, f, LOG_P2);
        y = Math.fma(y, f, LOG_P3);
        y = Math.fma(y, f, LOG_P4);
        y = Math.fma(y, f, LOG_P5);
        y = Math.fma(y, f, LOG_P6);
        y = Math.fma(y, f, LOG_P7);
        y = Math.fma(y, f, LOG_P8);
        y = y * f * z;
        y = Math.fma(e, LN2_LO, y);
        y = Math.fma(z, -0.5f, y);
        float r = f + y;
        return Math.fma(e, LN2_HI, r);
    }

    /** log(1 + u) for u &gt; 0 normal. */
    static float log1p(float u) {
        float w = 1f + u;
        float l = log(w);
        float corrected = l * (u / (w - 1f));
        return w == 1f ? u : corrected;
    }

    /** The kernels' activation of z (see the class comment); its derivative goes to {@code derivative[index]}. */
    static float activate(int activation, float z, float[] derivative, int index) {
        switch (activation) {
            case RELU -> {
                int bits = Float.floatToRawIntBits(z);
                int h = bits & ~(bits >> 31);
                derivative[index] = (float) Math.min(h, 1);
                return Float.intBitsToFloat(h);
            }
            case TANH -> {
                float h = tanh(z);
                derivative[index] = Math.fma(-h, h, 1f);
                return h;
            }
            case SIGMOID -> {
                float e = exp(-z);
                float h = reciprocal(1f + e);
                derivative[index] = h * (1f - h);
                return h;
            }
            case SOFTPLUS -> {
                float e = exp(z);
                boolean linear = z > SOFTPLUS_THRESHOLD;
                derivative[index] = linear ? 1f : e / (e + 1f);
                return linear ? z : log1p(e);
            }
            default -> throw new IllegalArgumentException("activation " + activation);
        }
    }

    /**
     * The same activation in double precision with the JDK's {@code Math} functions, rounded to float: the
     * textbook definition, for {@code ScalarBackend}'s exact mode.
     */
    static float activateExact(int activation, float z, float[] derivative, int index) {
        switch (activation) {
            case RELU -> {
                return activate(RELU, z, derivative, index);
            }
            case TANH -> {
                double h = Math.tanh(z);
                derivative[index] = (float) (1 - h * h);
                return (float) h;
            }
            case SIGMOID -> {
                double h = 1 / (1 + Math.exp(-(double) z));
                derivative[index] = (float) (h * (1 - h));
                return (float) h;
            }
            case SOFTPLUS -> {
                if (z > SOFTPLUS_THRESHOLD) {
                    derivative[index] = 1f;
                    return z;
                }
                double e = Math.exp(z);
                derivative[index] = (float) (e / (e + 1));
                return (float) Math.log1p(e);
            }
            default -> throw new IllegalArgumentException("activation " + activation);
        }
    }

    /** Adam's per-step constants, computed once per step in double and rounded to float. */
    record AdamStep(float stepSize, float sqrtBias2) {
        /** Step t (0-based): lr_t / (1 − β1^(t+1)) and sqrt(1 − β2^(t+1)). */
        static AdamStep of(io.weights2eq.domain.training.TrainingConfig config, int t) {
            double rate = config.schedule().rate(config.learningRate(), t, config.steps());
            double bc1 = 1 - Math.pow(config.beta1(), t + 1);
            double bc2 = 1 - Math.pow(config.beta2(), t + 1);
            return new AdamStep((float) (rate / bc1), (float) Math.sqrt(bc2));
        }
    }
}

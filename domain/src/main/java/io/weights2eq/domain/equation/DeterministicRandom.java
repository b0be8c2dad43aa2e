package io.weights2eq.domain.equation;

/**
 * SplitMix64 (Steele, Lea and Flood 2014; constants of Vigna's reference {@code splitmix64.c}), implemented here
 * so that the stream is specified bit for bit: the same {@code (jobSeed, index)} gives the same equation and
 * samples on every JVM, CPU and future JDK. {@link java.util.Random} and {@link java.util.SplittableRandom} are
 * deliberately not used, because nothing may depend on JDK internals that could change.
 *
 * <p>Definition, all arithmetic modulo 2<sup>64</sup>:
 * <pre>
 * mix(z):   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *           z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *           return z ^ (z >>> 31)
 * nextLong: state += 0x9E3779B97F4A7C15; return mix(state)
 * forEquation(jobSeed, index): state = mix(mix(jobSeed) ^ index)
 * </pre>
 * {@code mix} is a bijection, so for one job different indices always start from different states; the outer
 * {@code mix} scatters neighbouring indices over the whole period so their streams do not overlap in practice.
 *
 * <p>Not thread-safe: one instance per equation.
 */
public final class DeterministicRandom {

    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    private DeterministicRandom(long state) {
        this.state = state;
    }

    /** A raw SplitMix64 generator whose state starts at {@code seed} (first output is {@code mix(seed + gamma)}). */
    public static DeterministicRandom ofSeed(long seed) {
        return new DeterministicRandom(seed);
    }

    /** The stream of equation {@code index} of a job; see the class comment for the exact definition. */
    public static DeterministicRandom forEquation(long jobSeed, long index) {
        return new DeterministicRandom(mix(mix(jobSeed) ^ index));
    }

    /** The SplitMix64 finaliser (Stafford's "Mix13" variant). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 uniformly distributed bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1): the top 53 bits of {@link #nextLong()} times 2<sup>-53</sup>. */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [0, bound), exactly unbiased; see {@link #nextLong(long)}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return (int) nextLong((long) bound);
    }

    /**
     * Uniform in [0, bound), exactly unbiased. A power of two takes the low bits of one draw; otherwise a 63-bit
     * draw {@code u} gives {@code u % bound} unless {@code u} falls in the incomplete last block of size
     * {@code 2^63 mod bound}, in which case it is redrawn (rejection; on average fewer than 2 draws).
     */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        long m = bound - 1;
        if ((bound & m) == 0) {
            return nextLong() & m;
        }
        long u = nextLong() >>> 1;
        long r = u % bound;
        // u - r is the start of u's block; the block is complete iff u - r + bound - 1 does not overflow.
        while (u - r + m < 0) {
            u = nextLong() >>> 1;
            r = u % bound;
        }
        return r;
    }
}

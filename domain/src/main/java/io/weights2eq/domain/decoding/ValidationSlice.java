package io.weights2eq.domain.decoding;

import java.nio.charset.StandardCharsets;

/**
 * Which equations are held out for validation: an id is in the slice when a stable hash of it, mapped to [0, 1),
 * is below {@code fraction}. The hash is FNV-1a 64 of the id's UTF-8 bytes, then the SplitMix64 finaliser (FNV
 * alone mixes the last bytes poorly, and ids often differ only there), then the top 53 bits times 2<sup>-53</sup>.
 *
 * <p>This definition must never change: the slice has to stay the same across restarts and versions, or examples
 * a decoder trained on would leak into its validation set. Deterministic and thread-safe.
 */
public final class ValidationSlice {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final double fraction;

    public ValidationSlice(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1 (exclusive), was " + fraction);
        }
        this.fraction = fraction;
    }

    public double fraction() {
        return fraction;
    }

    public boolean contains(String equationId) {
        return unit(equationId) < fraction;
    }

    /** The id's position in [0, 1); see the class comment. */
    static double unit(String equationId) {
        long h = fnv1a64(equationId.getBytes(StandardCharsets.UTF_8));
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }

    static long fnv1a64(byte[] bytes) {
        long h = FNV_OFFSET;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    @Override
    public String toString() {
        return "ValidationSlice[" + fraction + "]";
    }
}

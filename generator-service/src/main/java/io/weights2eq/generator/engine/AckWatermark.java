package io.weights2eq.generator.engine;

import java.util.BitSet;

/**
 * The lowest index not yet acknowledged. Acknowledgements arrive out of order across partitions;
 * only the contiguous prefix counts as done, so resuming from the watermark leaves no gap.
 */
final class AckWatermark {
    private long watermark;
    private final BitSet ahead = new BitSet(); // bit i = index watermark + i acknowledged

    AckWatermark(long start) {
        this.watermark = start;
    }

    synchronized void acknowledge(long index) {
        long offset = index - watermark;
        if (offset < 0) {
            return; // a duplicate of an index already below the watermark
        }
        if (offset > Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("index " + index + " is too far ahead of watermark " + watermark);
        }
        ahead.set((int) offset);
        int advance = ahead.nextClearBit(0);
        if (advance > 0) {
            watermark += advance;
            BitSet shifted = ahead.get(advance, Math.max(advance, ahead.length()));
            ahead.clear();
            ahead.or(shifted);
        }
    }

    synchronized long watermark() {
        return watermark;
    }
}

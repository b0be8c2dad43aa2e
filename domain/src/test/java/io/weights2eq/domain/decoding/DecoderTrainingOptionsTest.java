package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecoderTrainingOptionsTest {

    private static DecoderTrainingOptions options(double lr, int warmup, long decay) {
        return new DecoderTrainingOptions(lr, warmup, 0.01, 1.0, 1, 42L, decay);
    }

    @Test
    void linearWarmUp() {
        DecoderTrainingOptions o = options(1e-3, 100, 0);
        assertEquals(1e-3 / 100, o.learningRateAt(0), 1e-15);
        assertEquals(1e-3 * 2 / 100, o.learningRateAt(1), 1e-15);
        assertEquals(1e-3 * 50 / 100, o.learningRateAt(49), 1e-15);
        assertEquals(1e-3, o.learningRateAt(99), 1e-15);
        for (long s = 1; s < 100; s++) {
            assertTrue(o.learningRateAt(s) > o.learningRateAt(s - 1), "warm-up rises at " + s);
        }
        // no warm-up: the full rate from step 0
        assertEquals(1e-3, options(1e-3, 0, 0).learningRateAt(0), 1e-15);
    }

    @Test
    void constantAfterWarmUpWithoutDecay() {
        DecoderTrainingOptions o = options(5e-4, 10, 0);
        for (long s : new long[] {10, 11, 1000, 1_000_000_000L}) {
            assertEquals(5e-4, o.learningRateAt(s), 1e-15, "step " + s);
        }
        // the 7-argument constructor and the defaults mean no decay
        DecoderTrainingOptions d = DecoderTrainingOptions.defaults();
        assertEquals(0, d.decaySteps());
        assertEquals(d.learningRate(), d.learningRateAt(10 * d.warmupSteps()), 1e-15);
        assertEquals(0, new DecoderTrainingOptions(1e-3, 5, 0, 1, 1, 1).decaySteps());
        assertEquals(d.withSeed(7), new DecoderTrainingOptions(5e-4, 500, 0.01, 1.0, 1, 7L, 0));
    }

    @Test
    void cosineDecayToTheFinalFractionThenHeld() {
        double lr = 2e-3;
        DecoderTrainingOptions o = options(lr, 100, 1100);
        double end = DecoderTrainingOptions.FINAL_FRACTION * lr;
        assertEquals(lr / 100, o.learningRateAt(0), 1e-15);
        assertEquals(lr, o.learningRateAt(99), 1e-15);
        assertEquals(lr, o.learningRateAt(100), 1e-15, "decay starts at the full rate");
        // half-way through the decay: the middle of the cosine
        assertEquals(end + (lr - end) / 2, o.learningRateAt(600), 1e-12);
        assertEquals(end, o.learningRateAt(1100), 1e-15);
        assertEquals(end, o.learningRateAt(1101), 1e-15);
        assertEquals(end, o.learningRateAt(1_000_000), 1e-15);
        double previous = o.learningRateAt(99);
        for (long s = 100; s <= 1300; s++) {
            double now = o.learningRateAt(s);
            assertTrue(now <= previous, "rises at step " + s);
            assertTrue(now >= end - 1e-15, "below the final rate at " + s);
            previous = now;
        }
        assertTrue(o.learningRateAt(1099) > end, "still decaying before the end");
    }

    @Test
    void decayEndingBeforeTheWarmUpDoesNotBreak() {
        DecoderTrainingOptions o = options(1e-3, 100, 50);
        assertEquals(1e-3 / 100, o.learningRateAt(0), 1e-15);
        double end = DecoderTrainingOptions.FINAL_FRACTION * 1e-3;
        for (long s : new long[] {101, 200, 10_000}) {
            double v = o.learningRateAt(s);
            assertTrue(Double.isFinite(v) && v >= end - 1e-15 && v <= 1e-3, "step " + s + ": " + v);
        }
    }
}

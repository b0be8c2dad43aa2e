package io.weights2eq.generator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AckWatermarkTest {

    @Test
    void advancesOnlyOverTheContiguousPrefix() {
        AckWatermark w = new AckWatermark(10);
        w.acknowledge(12);
        w.acknowledge(11);
        assertEquals(10, w.watermark(), "index 10 is still missing");
        w.acknowledge(10);
        assertEquals(13, w.watermark());
        w.acknowledge(5); // a duplicate below the watermark changes nothing
        assertEquals(13, w.watermark());
    }

    @Test
    void anyOrderOfAcknowledgementsEndsAtTheCount() {
        List<Long> order = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        AckWatermark w = new AckWatermark(0);
        boolean[] acked = new boolean[10_000];
        int firstMissing = 0;
        for (long index : order) {
            w.acknowledge(index);
            acked[(int) index] = true;
            while (firstMissing < acked.length && acked[firstMissing]) {
                firstMissing++;
            }
            assertEquals(firstMissing, w.watermark(), "after acknowledging " + index);
        }
        assertEquals(10_000, w.watermark());
    }
}

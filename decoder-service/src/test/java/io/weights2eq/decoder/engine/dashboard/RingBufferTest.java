package io.weights2eq.decoder.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufferTest {

    @Test
    void keepsTheNewestUpToItsCapacityOldestFirst() {
        RingBuffer<Integer> ring = new RingBuffer<>(3);
        assertEquals(List.of(), ring.toList());
        assertNull(ring.newest());
        assertNull(ring.oldest());
        for (int i = 1; i <= 10_000; i++) {
            ring.add(i);
            assertEquals(Math.min(i, 3), ring.size(), "never more than the capacity");
        }
        assertEquals(List.of(9_998, 9_999, 10_000), ring.toList());
        assertEquals(9_998, ring.oldest());
        assertEquals(10_000, ring.newest());
        assertEquals(List.of(9_999, 10_000), ring.newest(2));
        assertEquals(List.of(9_998, 9_999, 10_000), ring.newest(50), "asking for more gives what it holds");
        assertEquals(List.of(), ring.newest(0));
    }

    @Test
    void partlyFilled() {
        RingBuffer<String> ring = new RingBuffer<>(4);
        ring.add("a");
        ring.add("b");
        assertEquals(List.of("a", "b"), ring.toList());
        assertEquals("a", ring.oldest());
        assertEquals(List.of("b"), ring.newest(1));
    }

    @Test
    void aCapacityBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RingBuffer<>(0));
        assertEquals("capacity must be at least 1, was 0", e.getMessage());
    }
}

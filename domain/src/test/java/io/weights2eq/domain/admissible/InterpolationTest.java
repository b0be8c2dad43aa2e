package io.weights2eq.domain.admissible;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterpolationTest {
    private static final List<Integer> NODES = List.of(-7, -3, 1, 5, 9, 13); // tenths, 0.4 apart

    @Test
    void theMiddleWeightsAreTheClassicOnes() {
        assertArrayEquals(new long[] {-1, 9, 9, -1}, Interpolation.weights(NODES, 1, 3));
        assertEquals(1, Interpolation.cheapest(NODES, 3), "the symmetric window is the cheapest");
        assertArrayEquals(new long[] {5, 15, -5, 1}, Interpolation.weights(NODES, 0, -5), "one-sided at an end");
    }

    @Test
    void wholeWeightsInterpolateEveryCubicExactly() {
        long[][] cubics = {{1, -10, -10, -10}, {1, 3, -7, 2}, {1, 0, 0, 0}, {1, 10, 10, 10}};
        for (long[] p : cubics) {
            for (int t = -9; t <= 15; t += 2) {
                for (int first = 0; first + 4 <= NODES.size(); first++) {
                    long[] w = Interpolation.weights(NODES, first, t);
                    long d = w[0] + w[1] + w[2] + w[3];
                    assertTrue(d > 0, "a positive scale keeps the sign of p");
                    long sum = 0;
                    for (int i = 0; i < 4; i++) {
                        sum += w[i] * value(p, NODES.get(first + i));
                    }
                    assertEquals(d * value(p, t), sum, "t " + t + " window " + first);
                }
            }
        }
    }

    /** 1000·p(t/10) for p = x³ + ax² + bx + c given as {1, a, b, c}. */
    private static long value(long[] p, long t) {
        return t * t * t + 10 * p[1] * t * t + 100 * p[2] * t + 1000 * p[3];
    }
}

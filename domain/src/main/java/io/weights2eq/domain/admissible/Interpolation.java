package io.weights2eq.domain.admissible;

import java.math.BigDecimal;
import java.util.List;

/**
 * Exact cubic interpolation with whole weights: a cubic's value at t, times a positive whole D, is Σ wᵢ·p(xᵢ) over
 * four nodes, wᵢ = D·Lᵢ(t) (the Lagrange weights, Σ wᵢ = D). Between nodes 0.4 apart, in the middle: −1, 9, 9, −1
 * (D = 16).
 */
final class Interpolation {
    private Interpolation() {}

    /** The first of the four consecutive nodes whose weights at t have the fewest digits. */
    static int cheapest(List<Integer> nodes, int t) {
        int best = -1;
        long bestCost = Long.MAX_VALUE;
        for (int first = 0; first + 4 <= nodes.size(); first++) {
            long cost = 0;
            for (long w : weights(nodes, first, t)) {
                cost += Precision.of(BigDecimal.valueOf(w));
            }
            if (cost < bestCost) {
                best = first;
                bestCost = cost;
            }
        }
        return best;
    }

    /** D·Lᵢ(t) for the nodes first..first+3, the smallest positive whole D that makes them all whole. */
    static long[] weights(List<Integer> nodes, int first, int t) {
        long[] num = new long[4];
        long[] den = new long[4];
        for (int i = 0; i < 4; i++) {
            num[i] = 1;
            den[i] = 1;
            for (int k = 0; k < 4; k++) {
                if (k != i) {
                    num[i] *= t - nodes.get(first + k);
                    den[i] *= nodes.get(first + i) - nodes.get(first + k);
                }
            }
        }
        long d = 1;
        for (int i = 0; i < 4; i++) {
            long g = gcd(num[i], den[i]);
            d = lcm(d, Math.abs(den[i] / (g == 0 ? 1 : g)));
        }
        long[] w = new long[4];
        for (int i = 0; i < 4; i++) {
            w[i] = num[i] * d / den[i];
        }
        return w;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? Math.abs(a) : gcd(b, a % b);
    }

    private static long lcm(long a, long b) {
        return a / gcd(a, b) * b;
    }
}

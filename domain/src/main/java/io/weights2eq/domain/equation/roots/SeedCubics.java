package io.weights2eq.domain.equation.roots;

import io.weights2eq.domain.equation.Polynomial;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001's polynomials: every monic cubic x³ + ax² + bx + c with whole a, b, c in [−10, 10] (9,261 of them),
 * each with its largest real root; a monic cubic always has one.
 */
public final class SeedCubics {
    /** The coefficient range, both ends included. */
    public static final int MIN = -10;

    public static final int MAX = 10;

    /** How many there are: 21³. */
    public static final int COUNT = (MAX - MIN + 1) * (MAX - MIN + 1) * (MAX - MIN + 1);

    private SeedCubics() {}

    /** One polynomial of the family and its largest root. */
    public record Entry(int a, int b, int c, LargestRoot root) {}

    /** x³ + ax² + bx + c. */
    public static Polynomial polynomial(int a, int b, int c) {
        return Polynomial.of(BigDecimal.valueOf(c), BigDecimal.valueOf(b), BigDecimal.valueOf(a), BigDecimal.ONE);
    }

    /** All of them in the seed file's order: a, then b, then c, each ascending. */
    public static List<Entry> all() {
        List<Entry> entries = new ArrayList<>(COUNT);
        for (int a = MIN; a <= MAX; a++) {
            for (int b = MIN; b <= MAX; b++) {
                for (int c = MIN; c <= MAX; c++) {
                    LargestRoot root = RealRoots.largest(polynomial(a, b, c))
                            .orElseThrow(() -> new AssertionError("a monic cubic has a real root"));
                    entries.add(new Entry(a, b, c, root));
                }
            }
        }
        return entries;
    }
}

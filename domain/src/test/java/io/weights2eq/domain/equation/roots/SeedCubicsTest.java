package io.weights2eq.domain.equation.roots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeedCubicsTest {
    private static final List<SeedCubics.Entry> ALL = SeedCubics.all();

    @Test
    void everyLargestRootAgreesWithFactoringWithin1e9() {
        assertEquals(9261, ALL.size());
        double worst = 0;
        for (SeedCubics.Entry e : ALL) {
            CubicRootsByFactoring.Root other = CubicRootsByFactoring.largest(e.a(), e.b(), e.c());
            double error = Math.abs(e.root().value() - other.value());
            worst = Math.max(worst, error);
            assertTrue(error < 1e-9, e + " vs " + other);
            assertEquals(other.multiplicity(), e.root().multiplicity(), e.toString());
        }
        assertTrue(worst < 1e-9, "worst " + worst);
    }

    @Test
    void theMultipleLargestRootsAreExactlyTheFactoredForms() {
        // (x − r)²(x − s) with r > s has a double largest root, (x − r)³ a triple one; no other monic integer
        // cubic has a multiple largest root (a multiple root is a root of gcd(p, p′), rational, hence whole).
        Map<String, Integer> expected = new TreeMap<>();
        for (int r = -20; r <= 20; r++) {
            for (int s = -20; s <= r; s++) {
                long a = -(2L * r + s);
                long b = (long) r * r + 2L * r * s;
                long c = -(long) r * r * s;
                if (inRange(a) && inRange(b) && inRange(c)) {
                    expected.put(a + "," + b + "," + c + "," + r, r == s ? 3 : 2);
                }
            }
        }
        Map<String, Integer> found = new TreeMap<>();
        for (SeedCubics.Entry e : ALL) {
            if (e.root().isMultiple()) {
                found.put(
                        e.a() + "," + e.b() + "," + e.c() + "," + (int) e.root().value(),
                        e.root().multiplicity());
            }
        }
        assertEquals(expected, found);
        assertEquals(28, found.size(), "the count docs/domain.md reports: " + found);
    }

    @Test
    void theLargestRootsSpanTheDocumentedRange() {
        double min = ALL.stream().mapToDouble(e -> e.root().value()).min().orElseThrow();
        double max = ALL.stream().mapToDouble(e -> e.root().value()).max().orElseThrow();
        assertEquals(10.99247140445449, max, 1e-12, "x³ − 10x² − 10x − 10");
        assertEquals(-10.99247140445449, min, 1e-12, "x³ + 10x² − 10x + 10, the mirror image");
    }

    private static boolean inRange(long v) {
        return v >= SeedCubics.MIN && v <= SeedCubics.MAX;
    }
}

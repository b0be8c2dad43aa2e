package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationSliceTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.1, 0.5, 0.9})
    void holdsTheFractionOfIds(double fraction) {
        ValidationSlice slice = new ValidationSlice(fraction);
        int in = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            if (slice.contains("job-c27a5d38-" + i)) {
                in++;
            }
        }
        assertEquals(fraction, (double) in / n, 0.01);
    }

    /** Computed once: a regression guard, since the slice must never move. */
    @Test
    void isStable() {
        ValidationSlice tenth = new ValidationSlice(0.1);
        assertTrue(tenth.contains("job-c27a5d38-4"));
        assertFalse(tenth.contains("job-c27a5d38-16"));
        assertFalse(tenth.contains("job-c27a5d38-0"));
        assertTrue(new ValidationSlice(0.2).contains("job-c27a5d38-16"));
        assertEquals(0.0682170822853837, ValidationSlice.unit("job-c27a5d38-4"));
        assertEquals(0.5701103839476128, ValidationSlice.unit("job-c27a5d38-0"));
        assertEquals(0.9829011441630598, ValidationSlice.unit("\u00e9quation-\u00fc")); // UTF-8 bytes, not chars
    }

    /** The published FNV-1a 64 test vectors (Fowler, Noll, Vo). */
    @Test
    void usesFnv1a64() {
        assertEquals(0xcbf29ce484222325L, ValidationSlice.fnv1a64(new byte[0]));
        assertEquals(0xaf63dc4c8601ec8cL, ValidationSlice.fnv1a64("a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x85944171f73967e8L, ValidationSlice.fnv1a64("foobar".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void rejectsFractionsOutsideTheOpenUnitInterval() {
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ValidationSlice(bad));
            assertTrue(e.getMessage().startsWith("fraction"), e.getMessage());
        }
        assertFalse(new ValidationSlice(0.5).toString().isEmpty());
    }
}

package io.weights2eq.decoder.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageRatesTest {
    private static OffsetSample at(long millis, Map<String, Long> ends) {
        return new OffsetSample(millis, ends, List.of(), null);
    }

    @Test
    void ratesAreOffsetsGainedOverTheWindowPerSecond() {
        StageRates rates = new StageRates(List.of("equations", "networks"), 3, 10);
        rates.add(at(1_000, Map.of("equations", 0L, "networks", 0L)));
        assertTrue(rates.rates().isEmpty(), "one sample: no rate yet");
        rates.add(at(2_000, Map.of("equations", 100L, "networks", 10L)));
        assertEquals(100.0, rates.rates().get("equations"), 1e-9);
        assertEquals(10.0, rates.rates().get("networks"), 1e-9);
        rates.add(at(3_000, Map.of("equations", 400L, "networks", 10L)));
        assertEquals(200.0, rates.rates().get("equations"), 1e-9, "(400 - 0) over 2 s");
        assertEquals(5.0, rates.rates().get("networks"), 1e-9);
        // the window holds 3 samples: the one at 1 s drops out
        rates.add(at(4_000, Map.of("equations", 400L, "networks", 10L)));
        assertEquals(150.0, rates.rates().get("equations"), 1e-9, "(400 - 100) over 2 s");
        assertEquals(0.0, rates.rates().get("networks"), 1e-9);
        assertEquals(4, rates.history().size());
        assertEquals(4_000, rates.history().get(3).timeMillis());
        assertEquals(150.0, rates.history().get(3).recordsPerSecond().get("equations"), 1e-9);
    }

    @Test
    void aTopicThatAppearsLaterGetsARateOnceTwoSamplesSawIt() {
        StageRates rates = new StageRates(List.of("equations", "equations.dlq"), 5, 10);
        rates.add(at(0, Map.of("equations", 0L)));
        rates.add(at(500, Map.of("equations", 50L, "equations.dlq", 3L)));
        assertFalse(rates.rates().containsKey("equations.dlq"), "seen once");
        rates.add(at(1_500, Map.of("equations", 50L, "equations.dlq", 5L)));
        assertEquals(2.0, rates.rates().get("equations.dlq"), 1e-9, "from its first sample, not the window's");
        assertEquals(50.0 / 1.5, rates.rates().get("equations"), 1e-9);
    }

    @Test
    void failedSamplesSameTimeAndRecreatedTopicsDoNotMakeNonsense() {
        StageRates rates = new StageRates(List.of("t"), 2, 3);
        rates.add(at(1_000, Map.of("t", 500L)));
        rates.add(OffsetSample.failed(1_500, "kafka: down"));
        rates.add(at(1_000, Map.of("t", 900L))); // no time passed: ignored
        assertTrue(rates.rates().isEmpty());
        rates.add(at(2_000, Map.of("t", 20L))); // deleted and created again: offsets restart
        assertEquals(0.0, rates.rates().get("t"), 1e-9);
        for (int i = 3; i < 100; i++) {
            rates.add(at(i * 1_000L, Map.of("t", i * 10L)));
        }
        assertEquals(3, rates.history().size(), "the history is bounded");
        assertEquals(10.0, rates.rates().get("t"), 1e-9);
    }

    @Test
    void aWindowNeedsTwoSamples() {
        assertEquals(
                "the rate window needs at least 2 samples, was 1",
                assertThrows(IllegalArgumentException.class, () -> new StageRates(List.of("t"), 1, 3))
                        .getMessage());
    }
}

package io.weights2eq.decoder.engine.dashboard;

import java.util.List;
import java.util.Map;

/**
 * One reading of the broker: end offsets per topic (summed over partitions; absent = no such topic) and the lags of
 * the followed groups, at {@code timeMillis}; or the reason it failed.
 */
public record OffsetSample(
        long timeMillis, Map<String, Long> endOffsets, List<DashboardSnapshot.Lag> lags, String error) {

    public OffsetSample {
        endOffsets = Map.copyOf(endOffsets);
        lags = List.copyOf(lags);
    }

    public static OffsetSample failed(long timeMillis, String error) {
        return new OffsetSample(timeMillis, Map.of(), List.of(), error);
    }

    public boolean ok() {
        return error == null;
    }
}

package io.weights2eq.decoder.engine.dashboard;

/** Port: reads the stages' end offsets and the followed groups' lags from the broker (an outbound adapter). */
public interface StageOffsets extends AutoCloseable {

    /** Never throws: a failure comes back as {@link OffsetSample#failed}. */
    OffsetSample read();

    @Override
    default void close() {}
}

package io.weights2eq.generator.engine;

import java.util.function.Consumer;

/** Outbound port: where equations go. Implementations must never drop a message silently. */
public interface EquationSink extends AutoCloseable {

    /**
     * Publishes one equation; blocks while the sink's buffer is full (backpressure). {@code onAck} is
     * called once: with null when the broker acknowledged it, with the error otherwise.
     */
    void publish(EquationMessage message, Consumer<Throwable> onAck) throws InterruptedException;

    @Override
    void close();
}

package io.weights2eq.decoder.engine;

import java.util.concurrent.Future;

/** Outbound port: tells the world about a new checkpoint (the {@code decoder-models} topic). */
@FunctionalInterface
public interface ModelAnnouncer {
    Future<?> announce(ModelAnnouncement announcement);
}

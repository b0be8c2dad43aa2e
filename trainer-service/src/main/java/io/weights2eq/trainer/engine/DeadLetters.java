package io.weights2eq.trainer.engine;

import java.util.concurrent.Future;

/**
 * Where rejected records go, as they were, with the reason; each comes back as the acknowledgement to wait for
 * before committing past it.
 *
 * @param <R> the inbound record
 */
@FunctionalInterface
public interface DeadLetters<R> {
    Future<?> send(R record, String reason);
}

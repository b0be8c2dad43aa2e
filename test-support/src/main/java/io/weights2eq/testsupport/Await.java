package io.weights2eq.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in a test for what another thread does. */
public final class Await {
    private Await() {}

    /** Polls the condition every few milliseconds; fails the test when it is still false after the timeout. */
    public static void until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(5);
        }
    }
}

package io.weights2eq.system;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded polling for the fault tests: every wait has a deadline and fails naming what it waited for. */
final class Waits {
    private Waits() {}

    /** Polls {@code probe} every {@code everyMillis} until {@code done} holds; the last value, or a failure. */
    static <T> T until(Duration timeout, long everyMillis, String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (true) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "gave up after " + timeout.toSeconds() + " s waiting for " + what + "; last seen: " + last);
            }
            PackagedService.sleep(everyMillis);
        }
    }

    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

package io.weights2eq.generator.engine;

/** Paces callers to at most {@code permitsPerSecond} in total, shared by all worker threads. */
final class RateLimiter {
    private final long intervalNanos;
    private long nextFree = System.nanoTime();

    RateLimiter(double permitsPerSecond) {
        this.intervalNanos = (long) (1e9 / permitsPerSecond);
    }

    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            nextFree = Math.max(nextFree, now - intervalNanos); // no burst after idling
            nextFree += intervalNanos;
            wait = nextFree - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }
}

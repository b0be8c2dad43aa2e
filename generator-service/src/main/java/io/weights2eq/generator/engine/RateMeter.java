package io.weights2eq.generator.engine;

import java.util.ArrayDeque;

/** Rate of a growing count over a sliding window of recent observations. */
final class RateMeter {
    private record Point(long nanos, long count) {}

    private final long windowNanos;
    private final ArrayDeque<Point> points = new ArrayDeque<>();

    RateMeter(long windowMillis) {
        this.windowNanos = windowMillis * 1_000_000L;
    }

    synchronized double observe(long nanos, long count) {
        points.addLast(new Point(nanos, count));
        while (points.size() > 2 && nanos - points.peekFirst().nanos() > windowNanos) {
            points.removeFirst();
        }
        Point first = points.peekFirst();
        long elapsed = nanos - first.nanos();
        return elapsed <= 0 ? 0.0 : (count - first.count()) * 1e9 / elapsed;
    }
}

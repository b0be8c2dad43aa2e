package io.weights2eq.domain.network;

/** One input's domain {@code [lo, hi]}: where samples are drawn and where a decoded equation is verified. */
public record Interval(double lo, double hi) {

    /** [-1, 1], the domain of every input when none is given. */
    public static final Interval UNIT = new Interval(-1, 1);

    /** @throws IllegalArgumentException unless both ends are finite and lo &lt; hi */
    public Interval {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException(
                    "domain: [lo, hi] must be finite with lo < hi, was [" + lo + ", " + hi + "]");
        }
    }

    public double width() {
        return hi - lo;
    }

    public boolean within(double limit) {
        return lo >= -limit && hi <= limit;
    }

    @Override
    public String toString() {
        return "[" + lo + ", " + hi + "]";
    }
}

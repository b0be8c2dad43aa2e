package io.weights2eq.domain.network;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The domain of a network's inputs, one {@link Interval} per input ({@code layers[0]} of them): where its samples
 * were drawn and where decoders read and verify its function. The one place the input count limit lives.
 */
public record InputDomain(List<Interval> intervals) {

    /** Networks are functions of one or two inputs (x, or x1 and x2). */
    public static final int MAX_INPUTS = 2;

    /** @throws IllegalArgumentException naming {@code domain} unless there are 1 to {@link #MAX_INPUTS} intervals */
    public InputDomain {
        intervals = List.copyOf(intervals);
        if (intervals.isEmpty() || intervals.size() > MAX_INPUTS) {
            throw new IllegalArgumentException(
                    "domain: between 1 and " + MAX_INPUTS + " inputs, was " + intervals.size());
        }
    }

    /** One input on {@code [lo, hi]}. */
    public static InputDomain of(double lo, double hi) {
        return new InputDomain(List.of(new Interval(lo, hi)));
    }

    /** Every input on [-1, 1], the default when a network or record names no domain. */
    public static InputDomain unit(int inputs) {
        if (inputs < 1 || inputs > MAX_INPUTS) {
            throw new IllegalArgumentException("domain: between 1 and " + MAX_INPUTS + " inputs, was " + inputs);
        }
        return new InputDomain(
                IntStream.range(0, inputs).mapToObj(i -> Interval.UNIT).toList());
    }

    public int inputs() {
        return intervals.size();
    }

    public Interval input(int index) {
        return intervals.get(index);
    }

    /** Whether this is the default, every input on [-1, 1] (file formats then leave the domain out). */
    public boolean isUnit() {
        return intervals.stream().allMatch(Interval.UNIT::equals);
    }

    @Override
    public String toString() {
        return intervals.stream().map(Interval::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}

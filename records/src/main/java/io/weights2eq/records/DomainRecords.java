package io.weights2eq.records;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping between the Avro {@code domain} fields (an array of {@code Interval}; empty = one input on the
 * record's {@code [xMin, xMax]}, or [-1, 1]) and the domain's {@link InputDomain}, validating.
 */
public final class DomainRecords {
    private DomainRecords() {}

    public static List<io.weights2eq.schema.avro.Interval> toAvro(InputDomain domain) {
        return domain.intervals().stream()
                .map(i -> new io.weights2eq.schema.avro.Interval(i.lo(), i.hi()))
                .toList();
    }

    /**
     * @param whenEmpty the domain an empty array stands for
     * @throws InvalidRecordException naming {@code domain} or {@code domain[i]} and the rule
     */
    public static InputDomain toDomain(List<io.weights2eq.schema.avro.Interval> intervals, InputDomain whenEmpty) {
        if (intervals == null || intervals.isEmpty()) {
            return whenEmpty;
        }
        if (intervals.size() > InputDomain.MAX_INPUTS) {
            throw new InvalidRecordException(
                    "domain: between 1 and " + InputDomain.MAX_INPUTS + " inputs, was " + intervals.size());
        }
        List<Interval> domain = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            var interval = intervals.get(i);
            try {
                domain.add(new Interval(interval.getLo(), interval.getHi()));
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException(
                        "domain[" + i + "]" + e.getMessage().substring("domain".length()));
            }
        }
        return new InputDomain(domain);
    }
}

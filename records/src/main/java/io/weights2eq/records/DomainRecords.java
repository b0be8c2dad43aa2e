package io.weights2eq.records;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping between Avro's {@code domain} arrays (of {@code Interval}) and {@link InputDomain}, for every
 * record that carries one. An empty array means a default that each record defines.
 */
public final class DomainRecords {
    private DomainRecords() {}

    /**
     * A domain that must have one interval per input (a network's).
     *
     * @param field the path of the array in the record, e.g. {@code network.domain}, for the messages
     * @throws InvalidRecordException naming {@code field} or {@code field[j]}: not {@code inputs} intervals, an end
     *                                that is not finite, lo not below hi
     */
    public static InputDomain toDomain(List<io.weights2eq.schema.avro.Interval> intervals, int inputs, String field) {
        if (intervals.size() != inputs) {
            throw new InvalidRecordException(field + ": one interval per input (layers[0] = " + inputs
                    + ") or none for [-1, 1] each, was " + intervals.size());
        }
        return parse(intervals, field);
    }

    /**
     * A domain of any number of inputs up to {@link InputDomain#MAX_INPUTS} (an equation's, a job's).
     *
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
        return parse(intervals, "domain");
    }

    /** Every interval of {@code domain}, written out. */
    public static List<io.weights2eq.schema.avro.Interval> toAvro(InputDomain domain) {
        return domain.intervals().stream()
                .map(i -> new io.weights2eq.schema.avro.Interval(i.lo(), i.hi()))
                .toList();
    }

    private static InputDomain parse(List<io.weights2eq.schema.avro.Interval> intervals, String field) {
        List<Interval> domain = new ArrayList<>(intervals.size());
        for (int j = 0; j < intervals.size(); j++) {
            io.weights2eq.schema.avro.Interval interval = intervals.get(j);
            double lo = interval.getLo();
            double hi = interval.getHi();
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
                throw new InvalidRecordException(
                        field + "[" + j + "]: lo and hi finite with lo < hi, was [" + lo + ", " + hi + "]");
            }
            domain.add(new Interval(lo, hi));
        }
        return new InputDomain(domain);
    }
}

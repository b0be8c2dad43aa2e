package io.weights2eq.records;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping between Avro's {@code domain} arrays (of {@code Interval}) and {@link InputDomain}, for every
 * record that carries one. An empty array means a default that each record defines; this class only maps a
 * non-empty one, validating.
 */
public final class DomainRecords {
    private DomainRecords() {}

    /**
     * @param field the path of the array in the record, e.g. {@code network.domain}, for the messages
     * @throws InvalidRecordException naming {@code field} or {@code field[j]}: not {@code inputs} intervals, an end
     *                                that is not finite, lo not below hi
     */
    public static InputDomain toDomain(List<io.weights2eq.schema.avro.Interval> intervals, int inputs, String field) {
        if (intervals.size() != inputs) {
            throw new InvalidRecordException(field + ": one interval per input (layers[0] = " + inputs
                    + ") or none for [-1, 1] each, was " + intervals.size());
        }
        List<Interval> domain = new ArrayList<>(inputs);
        for (int j = 0; j < inputs; j++) {
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

    /** Every interval of {@code domain}, written out. */
    public static List<io.weights2eq.schema.avro.Interval> toAvro(InputDomain domain) {
        return domain.intervals().stream()
                .map(i -> new io.weights2eq.schema.avro.Interval(i.lo(), i.hi()))
                .toList();
    }
}

package io.weights2eq.domain.network;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional {@code "domain": [[lo, hi], ...]} of a network line: one pair per input ({@code layers[0]} of them),
 * finite, lo &lt; hi. Absent means [-1, 1] for every input, and {@link #write} leaves a unit domain out, so lines
 * written before domains existed read and write the same bytes.
 */
final class DomainField {
    static final String NAME = "domain";

    private DomainField() {}

    /** The domain of a network with {@code inputs} inputs; {@code node} null (field absent) is the unit domain. */
    static InputDomain parse(JsonNode node, int inputs) {
        if (node == null) {
            return InputDomain.unit(inputs);
        }
        String pairs = "[lo, hi] pairs (one per input, layers[0])";
        if (node.isNull()) {
            throw new NetworkFormatException(
                    NAME, NAME + " must be an array of " + inputs + " " + pairs + " or left out, was null");
        }
        JsonNode list = NetworkFile.array(node, NAME, inputs, pairs);
        List<Interval> intervals = new ArrayList<>(inputs);
        for (int j = 0; j < inputs; j++) {
            String field = NAME + "[" + j + "]";
            JsonNode pair = NetworkFile.array(list.get(j), field, 2, "numbers [lo, hi]");
            double lo = end(pair.get(0), field + "[0]");
            double hi = end(pair.get(1), field + "[1]");
            if (!(lo < hi)) {
                throw new NetworkFormatException(field, field + " must have lo < hi, was [" + lo + ", " + hi + "]");
            }
            intervals.add(new Interval(lo, hi));
        }
        return new InputDomain(intervals);
    }

    /** Writes the field unless every input is on [-1, 1]. */
    static void write(JsonGenerator g, InputDomain domain) throws IOException {
        if (domain.isUnit()) {
            return;
        }
        g.writeArrayFieldStart(NAME);
        for (Interval interval : domain.intervals()) {
            g.writeStartArray();
            g.writeNumber(interval.lo());
            g.writeNumber(interval.hi());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static double end(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw new NetworkFormatException(field, field + " must be a number, was " + JsonValues.describe(node));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new NetworkFormatException(field, field + " must be a finite number, was " + value);
        }
        return value;
    }
}

package io.weights2eq.cli;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The inputs of drawn expressions and their domain, for the commands that draw elementary expressions. */
final class DomainOption {

    @Option(
            names = "--inputs",
            defaultValue = "1",
            description = "inputs of each expression, 1 (x) or 2 (x1, x2) (default ${DEFAULT-VALUE})")
    private int inputs;

    @Option(
            names = "--domain",
            paramLabel = "LO,HI",
            description = "each input's domain, once for all inputs or once per input (default -1,1)")
    private List<String> domains;

    /** The domain, checked: a usage error naming the option and the limit. */
    InputDomain domain() {
        if (inputs < 1 || inputs > InputDomain.MAX_INPUTS) {
            throw new W2eCli.UsageException(
                    "--inputs must be between 1 and " + InputDomain.MAX_INPUTS + ", was " + inputs);
        }
        if (domains == null || domains.isEmpty()) {
            return InputDomain.unit(inputs);
        }
        if (domains.size() != 1 && domains.size() != inputs) {
            throw new W2eCli.UsageException("--domain: give it once for every input or once per input (" + inputs
                    + "), was given " + domains.size() + " times");
        }
        List<Interval> intervals = new ArrayList<>();
        for (int j = 0; j < inputs; j++) {
            intervals.add(interval(domains.get(domains.size() == 1 ? 0 : j)));
        }
        return new InputDomain(intervals);
    }

    private static Interval interval(String text) {
        String[] ends = text.split(",", -1);
        try {
            if (ends.length != 2) {
                throw new IllegalArgumentException("wants LO,HI");
            }
            return new Interval(Double.parseDouble(ends[0].trim()), Double.parseDouble(ends[1].trim()));
        } catch (IllegalArgumentException e) {
            throw new W2eCli.UsageException("--domain '" + text + "': " + e.getMessage());
        }
    }
}

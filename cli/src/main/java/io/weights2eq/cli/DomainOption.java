package io.weights2eq.cli;

import io.weights2eq.domain.equation.ElementarySampler;
import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The inputs of elementary expressions and their domain, for the commands that draw them. */
final class DomainOption {

    @Option(
            names = "--inputs",
            defaultValue = "1",
            paramLabel = "1|2",
            description = "inputs: 1 (variable x) or 2 (x1, x2) (default ${DEFAULT-VALUE})")
    private int inputs;

    @Option(
            names = "--domain",
            paramLabel = "LO,HI",
            description = "an input's domain inside [-5, 5], once per input in order (default -1,1 for each)")
    private List<String> domains = new ArrayList<>();

    /** The domain, checked against the family's limits: a usage error naming the option and the limit. */
    InputDomain domain() {
        if (inputs < 1 || inputs > InputDomain.MAX_INPUTS) {
            throw new W2eCli.UsageException("--inputs must be 1 or 2, was " + inputs);
        }
        if (!domains.isEmpty() && domains.size() != inputs) {
            throw new W2eCli.UsageException(
                    "--domain must be given once per input (" + inputs + "), was given " + domains.size() + " times");
        }
        InputDomain domain = domains.isEmpty() ? InputDomain.unit(inputs) : new InputDomain(parse(domains));
        List<Violation> violations = ElementarySampler.validateDomain(domain);
        if (!violations.isEmpty()) {
            throw new W2eCli.UsageException("--" + violations.get(0));
        }
        return domain;
    }

    private static List<Interval> parse(List<String> domains) {
        List<Interval> intervals = new ArrayList<>();
        for (String text : domains) {
            String[] ends = text.split(",", -1);
            try {
                if (ends.length != 2) {
                    throw new IllegalArgumentException("not two ends");
                }
                intervals.add(new Interval(Double.parseDouble(ends[0]), Double.parseDouble(ends[1])));
            } catch (IllegalArgumentException e) {
                throw new W2eCli.UsageException("--domain must be LO,HI with LO < HI, was '" + text + "'");
            }
        }
        return intervals;
    }
}

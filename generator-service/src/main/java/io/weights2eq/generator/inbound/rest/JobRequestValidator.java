package io.weights2eq.generator.inbound.rest;

import io.weights2eq.domain.equation.ElementarySampler;
import io.weights2eq.domain.equation.EquationFamilies;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.equation.SamplingMode;
import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.generator.engine.JobSpec;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Turns a request into a job spec, or into the list of every bad field with its limit. */
final class JobRequestValidator {
    static final long MAX_COUNT = 1_000_000_000L;
    private static final SecureRandom SEEDS = new SecureRandom();

    sealed interface Outcome permits Valid, Invalid {}

    record Valid(JobSpec spec) implements Outcome {}

    record Invalid(List<Violation> violations) implements Outcome {}

    private JobRequestValidator() {}

    static Outcome validate(JobRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            return new Invalid(List.of(new Violation("body", "a JSON object with at least 'count' is required")));
        }
        if (request.count() == null) {
            violations.add(new Violation("count", "is required (1 to " + MAX_COUNT + ")"));
        } else if (request.count() < 1 || request.count() > MAX_COUNT) {
            violations.add(new Violation("count", "must be between 1 and " + MAX_COUNT + ", was " + request.count()));
        }
        if (request.ratePerSecond() != null && !(request.ratePerSecond() > 0 && request.ratePerSecond() <= 1e6)) {
            violations.add(new Violation(
                    "ratePerSecond",
                    "must be > 0 and <= 1000000 equations/s, or absent, was " + request.ratePerSecond()));
        }
        EquationFamily family = family(request.family(), violations);
        if (family != null) {
            family.validate().forEach(v -> violations.add(new Violation("family." + v.field(), v.message())));
        }
        SampleSpec samples = samples(request, family, violations);
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        long seed = request.seed() != null ? request.seed() : SEEDS.nextLong();
        return new Valid(new JobSpec(request.count(), seed, family, samples, request.ratePerSecond()));
    }

    /** The sample spec: one input on [xMin, xMax], or the elementary family's {@code family.domain}. */
    private static SampleSpec samples(JobRequest request, EquationFamily family, List<Violation> violations) {
        SampleSpec defaults = SampleSpec.defaults();
        int count = request.samplesPerEquation() == null ? defaults.count() : request.samplesPerEquation();
        List<List<Double>> domain =
                request.family() == null ? null : request.family().domain();
        SampleSpec samples;
        if (domain == null) {
            samples = new SampleSpec(
                    count,
                    request.xMin() == null ? defaults.xMin() : request.xMin(),
                    request.xMax() == null ? defaults.xMax() : request.xMax());
        } else {
            InputDomain inputs = domain(domain, family, violations);
            if (request.xMin() != null || request.xMax() != null) {
                violations.add(new Violation(
                        request.xMin() != null ? "xMin" : "xMax", "must be left out when family.domain is given"));
            }
            if (inputs == null) {
                return null;
            }
            samples = SampleSpec.of(count, inputs);
        }
        samples.validate().forEach(v -> violations.add(new Violation(sampleField(v.field()), v.message())));
        double limit = ElementarySampler.MAX_ABS_DOMAIN;
        if (domain == null && family != null && family.elementaryExpressions()) {
            if (samples.xMin() < -limit) {
                violations.add(
                        new Violation("xMin", "must be at least -5 for the elementary family, was " + samples.xMin()));
            }
            if (samples.xMax() > limit) {
                violations.add(
                        new Violation("xMax", "must be at most 5 for the elementary family, was " + samples.xMax()));
            }
        }
        return samples;
    }

    /** {@code family.domain}: 1 or 2 pairs {@code [lo, hi]}, each inside [-5, 5]; only for the elementary family. */
    private static InputDomain domain(List<List<Double>> domain, EquationFamily family, List<Violation> violations) {
        if (family != null && !family.elementaryExpressions()) {
            violations.add(new Violation(
                    "family.domain", "only the elementary family takes a domain (polynomials use xMin, xMax)"));
            return null;
        }
        if (domain.isEmpty() || domain.size() > InputDomain.MAX_INPUTS) {
            violations.add(new Violation(
                    "family.domain", "must hold 1 to " + InputDomain.MAX_INPUTS + " intervals, was " + domain.size()));
            return null;
        }
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < domain.size(); i++) {
            List<Double> pair = domain.get(i);
            String field = "family.domain[" + i + "]";
            if (pair == null || pair.size() != 2 || pair.stream().anyMatch(Objects::isNull)) {
                violations.add(new Violation(field, "must be a pair [lo, hi] of numbers, was " + pair));
                continue;
            }
            double lo = pair.get(0);
            double hi = pair.get(1);
            double limit = ElementarySampler.MAX_ABS_DOMAIN;
            if (!(lo < hi) || lo < -limit || hi > limit) {
                violations.add(new Violation(field, "must have lo < hi inside [-5, 5], was [" + lo + ", " + hi + "]"));
                continue;
            }
            intervals.add(new Interval(lo, hi));
        }
        return intervals.size() == domain.size() ? new InputDomain(intervals) : null;
    }

    private static String sampleField(String domainField) {
        return switch (domainField) {
            case "count" -> "samplesPerEquation";
            case "domain[0]", "domain[1]" -> "family." + domainField;
            default -> domainField;
        };
    }

    private static EquationFamily family(FamilyRequest f, List<Violation> violations) {
        if (f == null) {
            return EquationFamily.defaults();
        }
        SamplingMode mode = SamplingMode.UNIFORM_LENGTH;
        if (f.mode() != null) {
            try {
                mode = SamplingMode.fromLabel(f.mode());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(
                        "family.mode",
                        "must be one of "
                                + Arrays.stream(SamplingMode.values())
                                        .map(SamplingMode::label)
                                        .toList() + ", was '" + f.mode() + "'"));
                return null;
            }
        }
        EquationFamily base = EquationFamilies.of(mode);
        BigDecimal min = decimal("family.coefficientMin", f.coefficientMin(), base.coefficientMin(), violations);
        BigDecimal max = decimal("family.coefficientMax", f.coefficientMax(), base.coefficientMax(), violations);
        if (min == null || max == null) {
            return null;
        }
        return new EquationFamily(
                mode,
                f.degree() == null ? base.degree() : f.degree(),
                min,
                max,
                f.wholeWeight() == null ? base.wholeWeight() : f.wholeWeight(),
                f.decimalWeight() == null ? base.decimalWeight() : f.decimalWeight(),
                f.decimalDigits() == null ? base.decimalDigits() : f.decimalDigits(),
                f.fractionWeight() == null ? base.fractionWeight() : f.fractionWeight(),
                f.fractionDigits() == null ? base.fractionDigits() : f.fractionDigits(),
                f.absentProbability() == null ? base.absentProbability() : f.absentProbability());
    }

    private static BigDecimal decimal(String field, String text, BigDecimal fallback, List<Violation> violations) {
        if (text == null) {
            return fallback;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            violations.add(
                    new Violation(field, "must be a decimal number such as \"-5\" or \"2.5\", was '" + text + "'"));
            return null;
        }
    }
}

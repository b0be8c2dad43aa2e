package io.weights2eq.generator.inbound.rest;

import io.weights2eq.domain.equation.EquationFamilies;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.equation.SamplingMode;
import io.weights2eq.domain.equation.Violation;
import io.weights2eq.generator.engine.JobSpec;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        SampleSpec defaults = SampleSpec.defaults();
        SampleSpec samples = new SampleSpec(
                request.samplesPerEquation() == null ? defaults.count() : request.samplesPerEquation(),
                request.xMin() == null ? defaults.xMin() : request.xMin(),
                request.xMax() == null ? defaults.xMax() : request.xMax());
        samples.validate().forEach(v -> violations.add(new Violation(sampleField(v.field()), v.message())));
        EquationFamily family = family(request.family(), violations);
        if (family != null) {
            family.validate().forEach(v -> violations.add(new Violation("family." + v.field(), v.message())));
        }
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        long seed = request.seed() != null ? request.seed() : SEEDS.nextLong();
        return new Valid(new JobSpec(request.count(), seed, family, samples, request.ratePerSecond()));
    }

    private static String sampleField(String domainField) {
        return switch (domainField) {
            case "count" -> "samplesPerEquation";
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

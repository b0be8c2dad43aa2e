package io.weights2eq.generator.inbound.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.SamplingMode;
import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The elementary family's job requests: its domain of one or two inputs, and every error by field and limit. */
class JobRequestValidatorTest {

    private static JobRequest elementary(List<List<Double>> domain, Double xMin) {
        FamilyRequest family =
                new FamilyRequest("elementary", 3, null, null, null, null, null, null, null, null, domain);
        return new JobRequest(5L, 9L, family, 200, xMin, null, null);
    }

    private static List<Violation> violations(JobRequest request) {
        return assertInstanceOf(JobRequestValidator.Invalid.class, JobRequestValidator.validate(request))
                .violations();
    }

    @Test
    void anElementaryJobOfTwoInputsGeneratesOnItsDomain() {
        var valid = assertInstanceOf(
                JobRequestValidator.Valid.class,
                JobRequestValidator.validate(elementary(List.of(List.of(-1.0, 1.0), List.of(0.5, 2.0)), null)));
        assertEquals(SamplingMode.ELEMENTARY, valid.spec().family().mode());
        assertEquals(3, valid.spec().family().degree());
        InputDomain expected = new InputDomain(List.of(new Interval(-1, 1), new Interval(0.5, 2)));
        assertEquals(expected, valid.spec().samples().inputDomain());
        assertEquals(3L * 4 * 200, valid.spec().sampleBytesPerEquation());
        var eq = new EquationGenerator(valid.spec().family(), valid.spec().samples()).generate(9, 0);
        assertEquals(400, eq.x().length);
    }

    @Test
    void domainErrorsNameTheIntervalAndTheLimit() {
        assertEquals(
                List.of(new Violation("family.domain[1]", "must have lo < hi inside [-5, 5], was [0.0, 6.0]")),
                violations(elementary(List.of(List.of(-1.0, 1.0), List.of(0.0, 6.0)), null)));
        assertEquals(
                List.of(new Violation("family.domain[0]", "must be a pair [lo, hi] of numbers, was [1.0]")),
                violations(elementary(List.of(List.of(1.0)), null)));
        assertEquals(
                List.of(new Violation("family.domain", "must hold 1 to 2 intervals, was 3")),
                violations(elementary(List.of(List.of(0.0, 1.0), List.of(0.0, 1.0), List.of(0.0, 1.0)), null)));
        assertEquals(
                List.of(new Violation("xMin", "must be left out when family.domain is given")),
                violations(elementary(List.of(List.of(0.0, 1.0)), -1.0)));
        assertEquals(
                List.of(new Violation("xMin", "must be at least -5 for the elementary family, was -6.0")),
                violations(elementary(null, -6.0)));
        FamilyRequest polynomial = new FamilyRequest(
                "servant", null, null, null, null, null, null, null, null, null, List.of(List.of(0.0, 1.0)));
        assertEquals(
                List.of(new Violation(
                        "family.domain", "only the elementary family takes a domain (polynomials use xMin, xMax)")),
                violations(new JobRequest(5L, 1L, polynomial, null, null, null, null)));
    }
}

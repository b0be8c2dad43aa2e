package io.weights2eq.domain.decoding.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.InputDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The analytic decoder on functions evaluated exactly: the known expression comes back, term for term. */
class SparseTermDecoderTest {
    private final SparseTermDecoder decoder = new SparseTermDecoder(EquationFamily.elementary(), Acceptance.EXACT);

    /** Nguyen benchmark expressions (x1^x2 is outside the language) on their usual domains. */
    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "x^3+x^2+x; -1; 1; x^3+x^2+x",
                "x^6+x^5+x^4+x^3+x^2+x; -1; 1; x^6+x^5+x^4+x^3+x^2+x",
                "sin(x^2)*cos(x)-1; -1; 1; cos(x)*sin(x^2)-1",
                "sin(x)+sin(x+x^2); -1; 1; sin(x+x^2)+sin(x)",
                "log(x+1)+log(x^2+1); 0; 2; log(x^2+1)+log(x+1)",
                "sqrt(x); 0; 4; sqrt(x)",
            })
    void oneInputExpressionsComeBackExactly(String truth, double lo, double hi, String expected) {
        SymbolicDecision d = decoder.decide(TargetFunction.of(truth, InputDomain.of(lo, hi)));
        assertEquals(expected, d.chosen().text());
        assertTrue(d.chosen().fit().rSquared() > 1 - 1e-12, d.chosen().toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "2*sin(x1)*cos(x2); 2*sin(x1)*cos(x2)",
                "sin(x1)+sin(x2^2); sin(x2^2)+sin(x1)",
                "x1^4-x1^3+0.5*x2^2-x2; x1^4-x1^3+0.5*x2^2-x2",
            })
    void twoInputExpressionsComeBackExactly(String truth, String expected) {
        SymbolicDecision d = decoder.decide(TargetFunction.of(truth, InputDomain.unit(2)));
        assertEquals(expected, d.chosen().text());
        assertTrue(d.chosen().fit().rSquared() > 1 - 1e-12, d.chosen().toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {"2*x/3; 2/3*x", "-x/3+exp(x); exp(x)-1/3*x", "x-20/3; x-20/3", "0.25*x+0.5; 0.25*x+0.5"})
    void constantsWithoutAShortDecimalComeBackAsFractions(String truth, String expected) {
        assertEquals(
                expected,
                decoder.decide(TargetFunction.of(truth, InputDomain.unit(1)))
                        .chosen()
                        .text());
    }

    @Test
    void aNetworksSmallConstantOffsetIsReadAsItsErrorALargerOneAsAConstant() {
        SparseTermDecoder forNetworks = new SparseTermDecoder(EquationFamily.elementary(), Acceptance.NETWORK);
        // 0.01 against x^2's variance on [-1, 1] (4/45) is 1.1e-3 of it: under the 2e-3 allowed for an offset
        assertEquals(
                "x^2",
                forNetworks
                        .decide(TargetFunction.of("x^2-0.01", InputDomain.unit(1)))
                        .chosen()
                        .text());
        assertEquals(
                "x^2-0.1",
                forNetworks
                        .decide(TargetFunction.of("x^2-0.1", InputDomain.unit(1)))
                        .chosen()
                        .text());
    }

    @Test
    void constantsAreRoundedToTheCoarsestKindThatKeepsTheFit() {
        assertEquals(
                "-2.5*exp(-x)+3",
                decoder.decide(TargetFunction.of("3-2.5*exp(-x)", InputDomain.unit(1)))
                        .chosen()
                        .text());
        // 0.04 is a fraction (2 digits): rounding it to 0 or 0.0 loses the term's 1e-3 share of the variance
        assertEquals(
                "sin(2*x)+0.04*x^3",
                decoder.decide(TargetFunction.of("sin(2*x)+0.04*x^3", InputDomain.unit(1)))
                        .chosen()
                        .text());
    }

    /** On [-1, 1] x+1 reaches 0: log(x+1) and its products are never in the dictionary, on [0, 2] they are. */
    @Test
    void logOfAnArgumentNotPositiveOnTheDomainIsNeverProposed() {
        assertFalse(texts(InputDomain.unit(1)).anyMatch(t -> t.contains("log(x+1)")));
        assertFalse(texts(InputDomain.unit(1)).anyMatch(t -> t.contains("log(x)") || t.contains("sqrt(x)")));
        assertTrue(texts(InputDomain.of(0, 2)).anyMatch(t -> t.equals("log(x+1)")));
        assertTrue(texts(InputDomain.unit(1)).anyMatch(t -> t.equals("log(x+2)")));
        // and the decoder explains a function near log(x+1) with other terms, never by evaluating it at -1
        SymbolicDecision d = decoder.decide(TargetFunction.of("log(x+1.5)", InputDomain.unit(1)));
        assertFalse(
                d.ranked().stream().anyMatch(c -> c.text().contains("log(x+1)")),
                d.ranked().toString());
    }

    @Test
    void aConstantFunctionIsItsConstant() {
        assertEquals(
                "-1.5",
                decoder.decide(TargetFunction.of("-1.5", InputDomain.unit(2)))
                        .chosen()
                        .text());
    }

    private static java.util.stream.Stream<String> texts(InputDomain domain) {
        return Dictionary.of(domain).terms.stream().map(Dictionary.Term::text);
    }
}

package io.weights2eq.domain.decoding.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.NormalForm;
import io.weights2eq.domain.network.InputDomain;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolicHybridDecoderTest {

    /** sin(x1-x2)+sin(x1+x2) equals 2*sin(x1)*cos(x2): both fit exactly, the shorter text wins, the other is named. */
    @Test
    void prefersTheSimplerOfTwoEquallyGoodCandidatesAndNamesTheRunnerUp() {
        SymbolicHybridDecoder hybrid = new SymbolicHybridDecoder(
                EquationFamily.elementary(), Acceptance.EXACT, f -> List.of("sin(x1-x2)+sin(x1+x2)"));
        SymbolicDecision d = hybrid.decide(TargetFunction.of("sin(x1-x2)+sin(x1+x2)", InputDomain.unit(2)));
        assertEquals("2*sin(x1)*cos(x2)", d.chosen().text());
        assertNotNull(d.runnerUp());
        assertTrue(d.runnerUp().fit().rSquared() > 1 - 1e-12, d.runnerUp().toString());
        assertTrue(d.runnerUp().complexity() > d.chosen().complexity());
        assertTrue(d.ranked().stream().anyMatch(c -> c.text().equals("sin(x1-x2)+sin(x1+x2)")));
    }

    /** A supplied structure with an inner constant off the dictionary's grid: its constants are re-optimised. */
    @Test
    void suppliedCandidatesHaveTheirInnerConstantsReoptimisedAndRounded() {
        SymbolicHybridDecoder hybrid = new SymbolicHybridDecoder(
                EquationFamily.elementary(), Acceptance.EXACT, f -> List.of("2*sin(2*x+0.3)", "not(an expression"));
        SymbolicDecision d = hybrid.decide(TargetFunction.of("1.5*sin(2.5*x+0.5)", InputDomain.unit(1)));
        assertEquals("1.5*sin(2.5*x+0.5)", d.chosen().text());
        assertEquals("supplied", d.chosen().source());
    }

    @Test
    void withoutSuppliedCandidatesItDecodesLikeTheAnalyticDecoderOrSimpler() {
        SymbolicHybridDecoder hybrid = new SymbolicHybridDecoder(
                EquationFamily.elementary(), Acceptance.EXACT, SymbolicHybridDecoder.CandidateSupplier.NONE);
        assertEquals(
                "cos(x)*sin(x^2)-1",
                hybrid.decide(TargetFunction.of("sin(x^2)*cos(x)-1", InputDomain.unit(1)))
                        .chosen()
                        .text());
    }

    /** The dictionary writes exp(x-1) as 0.37*exp(x) and cos(x+4) with another phase; the rewrites move them back. */
    @Test
    void constantsMovedIntoAnExponentialOrAPhaseComeBackWhereTheFamilyPutThem() {
        SymbolicHybridDecoder hybrid = new SymbolicHybridDecoder(
                EquationFamily.elementary(), Acceptance.EXACT, SymbolicHybridDecoder.CandidateSupplier.NONE);
        for (String truth : new String[] {"exp(x-1)", "cos(x+4)"}) {
            assertEquals(
                    truth,
                    NormalForm.text(ExpressionParser.parse(
                            hybrid.decide(TargetFunction.of(truth, InputDomain.unit(1)))
                                    .chosen()
                                    .text(),
                            1)),
                    truth);
        }
    }
}

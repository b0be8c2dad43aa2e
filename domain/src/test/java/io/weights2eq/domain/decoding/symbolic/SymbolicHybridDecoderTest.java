package io.weights2eq.domain.decoding.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.NormalForm;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.NetworkFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymbolicHybridDecoderTest {

    /**
     * Two networks of the PyTorch peer (tanh, 3,000 Adam steps; benchmarks/…/peer_networks.py) whose truth is not
     * what fits them best: x1+x2+sqrt(x2^2+1) fits the first closer than its truth, and the second's best fit is
     * 2*sin(x-3)^2-1, its truth by a double angle and five quarter turns.
     */
    @Test
    void readsPeerNetworksWhoseTruthALookAlikeOrATrigonometricIdentityHides() throws IOException {
        Map<String, String> truths = Map.of("two-777-23", "x1+x2+cos(x2)", "one-777-127", "sin(2*x+5)");
        SymbolicHybridDecoder hybrid = new SymbolicHybridDecoder(
                EquationFamily.elementary(), Acceptance.NETWORK, SymbolicHybridDecoder.CandidateSupplier.NONE);
        try (InputStream in = getClass().getResourceAsStream("/networks/pytorch-tanh-elementary.jsonl")) {
            List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            assertEquals(truths.size(), lines.size());
            for (String line : lines) {
                NetworkFile.Entry entry = NetworkFile.parse(line);
                int inputs = entry.network().inputs();
                SymbolicDecision d = hybrid.decide(TargetFunction.of(entry.network()));
                assertEquals(
                        NormalForm.text(ExpressionParser.parse(truths.get(entry.id()), inputs)),
                        NormalForm.text(ExpressionParser.parse(d.chosen().text(), inputs)),
                        entry.id());
            }
        }
    }

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

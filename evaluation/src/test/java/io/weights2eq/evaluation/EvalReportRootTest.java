package io.weights2eq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report scores a cubic's largest root: within 0.1 of the truth's, apart from exact match. */
class EvalReportRootTest {
    static final String TRUTH = "1*x*x*x-10*x*x-10*x-10"; // seed 001's example: root 10.99247140445449

    static MethodOutcome predicted(String text) {
        Polynomial p = Polynomial.parse(text);
        return MethodOutcome.decoded(new DecodedEquation(text, p, new int[0], "m", null), 1);
    }

    static EvalReport report(EquationFamily family, Map<String, List<MethodOutcome>> outcomes) {
        Network network =
                new Network(NetworkLayout.DEFAULT, Activation.RELU, new float[NetworkLayout.DEFAULT.parameterCount()]);
        EvalExample example = new EvalExample("e", Polynomial.parse(TRUTH), network, true, Double.NaN);
        return new EvalReport(
                List.of(example),
                List.copyOf(outcomes.keySet()),
                outcomes,
                family,
                new EvalReport.Context("bin/w2e eval", "test", "converged", null, null));
    }

    @Test
    void aNearbyCubicHasItsRootWithinTheToleranceAFarOneNot() {
        // -9 instead of -10 moves the root by about 1/p'(11) = 0.0075; -9*x*x moves it to about 10.0
        EvalReport r = report(
                EquationFamily.cubic(),
                Map.of(
                        "exact", List.of(predicted(TRUTH)),
                        "near", List.of(predicted("1*x*x*x-10*x*x-10*x-9")),
                        "far", List.of(predicted("1*x*x*x-9*x*x-10*x-10"))));
        assertTrue(r.scoresRoots());
        assertEquals(10.99247140445449, r.predictedRoot("exact", 0), 1e-12);
        assertTrue(r.rootWithin("exact", 0) && r.exact("exact", 0));
        assertTrue(r.rootWithin("near", 0));
        assertFalse(r.exact("near", 0));
        assertFalse(r.rootWithin("far", 0));
        assertEquals(1.0, r.stats("near").rootWithinRate());
        assertEquals(0.0, r.stats("far").rootWithinRate());
        assertTrue(r.methodTable().contains("root within 0.1"), r.methodTable());
        assertTrue(r.resultLine(0).contains("\"largestRoot\":10.99247140"), r.resultLine(0));
    }

    @Test
    void aFamilyThatIsNotMonicScoresNoRoots() {
        EvalReport r = report(EquationFamily.servant(), Map.of("exact", List.of(predicted(TRUTH))));
        assertFalse(r.scoresRoots());
        assertNull(r.predictedRoot("exact", 0));
        assertFalse(r.methodTable().contains("root within"));
    }
}

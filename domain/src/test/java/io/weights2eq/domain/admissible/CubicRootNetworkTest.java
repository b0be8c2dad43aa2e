package io.weights2eq.domain.admissible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.roots.CubicRootsByFactoring;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CubicRootNetworkTest {
    /** The shipped challenge network, written by {@code bin/w2e golf cubic-root --out models/cubic-largest-root.json}. */
    static final Path SHIPPED = Path.of("..", "models", "cubic-largest-root.json");

    @Test
    void theConstructionIsWithinATenthOnAll9261InputsInDoubleAndExactly() {
        AdmissibleNetwork network = CubicRootNetwork.build();
        String worst = withinATenthOfIndependentRoots(network);
        long score = Precision.score(network);
        System.out.println(
                "cubic-root network: score " + score + ", " + network.neurons().size() + " neurons, " + worst);
        assertTrue(score < 3806, "score " + score);
    }

    @Test
    void theShippedNetworkIsTheConstructionAndPasses() throws IOException {
        String text = Files.readString(SHIPPED);
        AdmissibleNetwork shipped = AdmissibleFile.parse(text);
        assertEquals(AdmissibleFile.formatByNeuron(CubicRootNetwork.build()), text, "reproducible by the command");
        withinATenthOfIndependentRoots(shipped);
        assertTrue(Precision.score(shipped) < 3806, "score " + Precision.score(shipped));
        assertEquals(871, Precision.score(shipped), "the score docs/results.md and models/README.md report");
        assertEquals(284, shipped.neurons().size(), "the neuron count they report");
    }

    /** Every input, double and exact arithmetic, against the roots found by factoring; returns the worst case. */
    private static String withinATenthOfIndependentRoots(AdmissibleNetwork network) {
        DoubleEvaluator fast = new DoubleEvaluator(network);
        ExactEvaluator exact = new ExactEvaluator(network);
        double worst = 0;
        String worstCase = "";
        int count = 0;
        for (int a = -10; a <= 10; a++) {
            for (int b = -10; b <= 10; b++) {
                for (int c = -10; c <= 10; c++) {
                    double root = CubicRootsByFactoring.largest(a, b, c).value();
                    double viaDouble = fast.evaluate(a, b, c)[0];
                    BigDecimal viaExact =
                            exact.evaluate(BigDecimal.valueOf(a), BigDecimal.valueOf(b), BigDecimal.valueOf(c))[0];
                    double error = Math.max(Math.abs(viaDouble - root), Math.abs(viaExact.doubleValue() - root));
                    assertTrue(error < 0.1, a + "," + b + "," + c + ": output " + viaExact + ", root " + root);
                    if (error > worst) {
                        worst = error;
                        worstCase = "worst " + a + "," + b + "," + c + ": output " + viaExact + ", root " + root;
                    }
                    count++;
                }
            }
        }
        assertEquals(9261, count);
        return worstCase;
    }
}

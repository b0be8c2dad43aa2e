package io.weights2eq.domain.admissible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.CpuBackends;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterRoundingTest {

    @Test
    void roundsAWeightToTheFewestDigitsWithinTheTolerance() {
        // y = 1.23456·x on [-1, 1]: within 0.01 needs 1.23 (1.2 is 0.035 off), within 0.1 needs 1.2
        AdmissibleNetwork.Builder b = AdmissibleNetwork.builder(1);
        int y = b.add(Map.of(1, new BigDecimal("1.23456")), new BigDecimal("0.0004"), AdmissibleActivation.IDENTITY);
        AdmissibleNetwork n = b.output(y).build();
        ParameterRounding.Result r = ParameterRounding.roundOnUnitInterval(n, 0.01);
        assertEquals("1.23", r.rounded().neurons().get(0).weights().get(1).text());
        assertEquals("0", r.rounded().neurons().get(0).bias().text());
        assertEquals(6 + 4, r.scoreBefore());
        assertEquals(3, r.scoreAfter());
        assertEquals(0.00456 + 0.0004, r.worstDeviation(), 1e-12);
        assertEquals(
                "1.2",
                ParameterRounding.roundOnUnitInterval(n, 0.1)
                        .rounded()
                        .neurons()
                        .get(0)
                        .weights()
                        .get(1)
                        .text());
        assertEquals(0, ParameterRounding.roundOnUnitInterval(n, 2).scoreAfter());
    }

    @Test
    void theCandidatesAreZeroThenEachDecimalPlaceCheapestFirst() {
        List<String> texts = ParameterRounding.cheaper(new BigDecimal("-37.5125"), 6).stream()
                .map(ExactDecimal::text)
                .toList();
        // each place's rounding and its two neighbours; at equal cost the nearer first
        assertEquals(
                List.of(
                        "0", "-38", "-37", "-39", "-40", "-30", "-50", "-37.5", "-37.6", "-37.4", "-37.51", "-37.52",
                        "-37.512", "-37.513", "-37.511"),
                texts);
        assertEquals(List.of(), ParameterRounding.cheaper(BigDecimal.ZERO, 1));
        // 0.996 at one decimal rounds to 1 (cost 1), its neighbours 0.9 (1) and 1.1 (2); at two, 0.99 (2)
        assertEquals(
                List.of("0", "1", "0.9", "0.99", "1.1"),
                ParameterRounding.cheaper(new BigDecimal("0.996"), 3).stream()
                        .map(ExactDecimal::text)
                        .toList());
    }

    @Test
    void theUnitGridHasBothEndsAndZeroExactly() {
        double[] x = ParameterRounding.unitGrid(ParameterRounding.GRID_POINTS);
        assertEquals(2_001, x.length);
        assertEquals(-1.0, x[0]);
        assertEquals(0.0, x[1_000]);
        assertEquals(1.0, x[2_000]);
        assertEquals(0.001, x[1_001]);
    }

    @Test
    void refusesABadToleranceOrInputs() {
        AdmissibleNetwork n = PrecisionTest.fibonacci();
        assertThrows(IllegalArgumentException.class, () -> ParameterRounding.round(n, new double[] {1, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> ParameterRounding.round(n, new double[] {1, 2}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ParameterRounding.round(n, new double[] {1, 2, 3}, 1));
    }

    /** Networks as the trainer makes them: the servant family, the trainer's defaults but fewer steps. */
    static List<Network> trained(Activation activation, int count) {
        EquationGenerator generator = new EquationGenerator(EquationFamily.servant(), SampleSpec.defaults());
        List<TrainingTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GeneratedEquation g = generator.generate(5, i);
            tasks.add(new TrainingTask("golf-" + i, g.x(), g.y(), 1));
        }
        try (TrainingBackend backend = CpuBackends.best(1)) {
            TrainingConfig config = TrainingConfig.defaults()
                    .withActivation(activation)
                    .withSteps(300)
                    .withQualityGate(TrainingConfig.defaults().targetRelativeMse(), 0);
            return new NetworkTrainer(backend, config)
                    .train(tasks).stream().map(t -> t.network()).toList();
        }
    }

    @Test
    void trainedNetworksKeepTheirFunctionWithinTheToleranceAtAFractionOfTheScore() {
        double[] grid = ParameterRounding.unitGrid(ParameterRounding.GRID_POINTS);
        double[] dense = ParameterRounding.unitGrid(20_001);
        for (Activation activation : new Activation[] {Activation.RELU, Activation.TANH}) {
            for (Network layered : trained(activation, 1)) {
                AdmissibleNetwork converted = LayeredConversion.convert(layered);
                for (double tolerance : new double[] {0.01, 0.1}) {
                    ParameterRounding.Result r = ParameterRounding.round(converted, grid, tolerance);
                    String what = activation + " T=" + tolerance + ": " + r.scoreBefore() + " → " + r.scoreAfter();
                    assertTrue(r.worstDeviation() <= tolerance, what + ", worst " + r.worstDeviation());
                    assertEquals(ParameterRounding.worstDeviation(converted, r.rounded(), grid)[0], r.worstDeviation());
                    // between the grid's points too (a 10× denser grid), with a little slack for what lies between
                    assertTrue(
                            ParameterRounding.worstDeviation(converted, r.rounded(), dense)[0] <= 1.05 * tolerance,
                            what);
                    assertTrue(r.scoreAfter() < r.scoreBefore() / 2, what);
                    assertEquals(r.rounded(), AdmissibleFile.parse(AdmissibleFile.format(r.rounded())));
                    // golfing it again costs no more (for relu its rescaled start might have)
                    assertTrue(
                            ParameterRounding.round(r.rounded(), grid, tolerance / 10)
                                            .scoreAfter()
                                    <= r.scoreAfter(),
                            what);
                }
            }
        }
    }
}

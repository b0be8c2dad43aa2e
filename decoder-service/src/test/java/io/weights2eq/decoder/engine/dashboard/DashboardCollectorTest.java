package io.weights2eq.decoder.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weights2eq.decoder.Fixtures;
import io.weights2eq.decoder.engine.ContinuousTraining;
import io.weights2eq.decoder.engine.DecodeEngine;
import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Network;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DashboardCollectorTest {
    private static final double FRACTION = 0.5;
    private static final ValidationSlice SLICE = new ValidationSlice(FRACTION);
    private final AtomicLong now = new AtomicLong(10_000);

    /** The first n ids ("prefix-i") that are (or are not) in the validation slice. */
    private static List<String> ids(String prefix, boolean inSlice, int n) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; ids.size() < n; i++) {
            if (SLICE.contains(prefix + i) == inSlice) {
                ids.add(prefix + i);
            }
        }
        return ids;
    }

    private DashboardCollector collector(int predictions, int knownEquations, int lossPoints) {
        return new DashboardCollector(
                new DashboardCollector.Settings(
                        List.of("equations", "networks", "equations.dlq"),
                        2,
                        5,
                        lossPoints,
                        1_000,
                        3,
                        predictions,
                        knownEquations,
                        5,
                        -1,
                        1,
                        FRACTION),
                now::get);
    }

    private static DecodeEngine.Result decoded(String text) {
        Polynomial p;
        try {
            p = Polynomial.parse(text);
        } catch (IllegalArgumentException e) {
            p = null;
        }
        return new DecodeEngine.Result(
                new DecodingMethods.Outcome(
                        new DecodedEquation(text, p, new int[] {2}, "hybrid", null), null, null, null),
                1_000,
                io.weights2eq.domain.network.InputDomain.unit(1));
    }

    @Test
    void stagesAndLagsComeFromTheOffsetSamples() {
        DashboardCollector c = collector(4, 10, 10);
        DashboardSnapshot empty = c.snapshot(4);
        assertEquals(
                List.of("equations", "networks", "equations.dlq"),
                empty.stages().stream().map(DashboardSnapshot.Stage::topic).toList());
        assertNull(empty.stages().get(0).endOffset(), "nothing read yet");
        assertNull(empty.stages().get(0).recordsPerSecond());

        List<DashboardSnapshot.Lag> lags = List.of(new DashboardSnapshot.Lag("trainers", "equations", 40L));
        c.sample(new OffsetSample(1_000, Map.of("equations", 10L, "networks", 0L), lags, null));
        c.sample(new OffsetSample(3_000, Map.of("equations", 110L, "networks", 4L), lags, null));
        DashboardSnapshot s = c.snapshot(4);
        assertEquals(110L, s.stages().get(0).endOffset());
        assertEquals(50.0, s.stages().get(0).recordsPerSecond(), 1e-9);
        assertEquals(2.0, s.stages().get(1).recordsPerSecond(), 1e-9);
        assertNull(s.stages().get(2).endOffset(), "no such topic");
        assertEquals(lags, s.lags());
        assertNull(s.kafkaError());

        c.sample(OffsetSample.failed(4_000, "kafka: no answer within 3000 ms"));
        DashboardSnapshot failed = c.snapshot(4);
        assertEquals("kafka: no answer within 3000 ms", failed.kafkaError());
        assertEquals(110L, failed.stages().get(0).endOffset(), "the last good reading stays");
    }

    @Test
    void convergenceAndTrainingCurves() {
        DashboardCollector c = collector(4, 10, 3);
        assertNull(c.snapshot(0).convergence().fraction(), "no examples yet");
        Network n = Fixtures.domainNetwork(1);
        for (int i = 0; i < 4; i++) {
            c.accepted(
                    new TrainingExample("e-" + i, n, Polynomial.parse("1*x"), i != 0),
                    ContinuousTraining.Admission.TRAINING);
        }
        DashboardSnapshot.Convergence conv = c.snapshot(0).convergence();
        assertEquals(4, conv.examples());
        assertEquals(3, conv.converged());
        assertEquals(0.75, conv.fraction(), 1e-12);

        c.stepped(1, 8, Double.NaN); // a skipped step: no point
        for (int step = 2; step <= 10; step++) {
            now.addAndGet(600); // a point at most every 1000 ms
            c.stepped(step, step * 8L, 1.0 / step);
        }
        DashboardSnapshot.Training t = c.snapshot(0).training();
        assertEquals(10, t.steps());
        assertEquals(0.1, t.recentLoss(), 1e-12);
        assertEquals(3, t.loss().size(), "bounded by lossPoints");
        assertEquals(
                List.of(6L, 8L, 10L),
                t.loss().stream().map(DashboardSnapshot.LossPoint::step).toList());

        c.evaluated(
                "v1",
                Map.of("step", 5.0, DecodingMetrics.EXACT_MATCH, 0.5, DecodingMetrics.TOKEN_ACCURACY, Double.NaN),
                true);
        DashboardSnapshot.ValidationPoint v =
                c.snapshot(0).training().validation().get(0);
        assertEquals(5, v.step());
        assertEquals(0.5, v.exactMatch(), 1e-12);
        assertNull(v.tokenAccuracy(), "NaN becomes null: the JSON stays JSON");
        assertEquals(true, v.swapped());
    }

    @Test
    void predictionsAreDrawnAgainstTheEquationWhenKnownElseTheNetwork() {
        DashboardCollector c = collector(2, 2, 10);
        Network network = Fixtures.domainNetwork(3);
        String id = ids("job-", true, 1).get(0);
        // unconverged (training skips it) but in the slice: its equation is the truth all the same
        c.accepted(
                new TrainingExample(id, network, Polynomial.parse("2*x*x-1"), false),
                ContinuousTraining.Admission.SKIPPED);
        c.predicted(id + "#learned", network, decoded("1*x"));
        c.predicted("req-9", network, decoded("x+"));
        DashboardSnapshot s = c.snapshot(2);
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, s.curveX(), 1e-12);
        DashboardSnapshot.PredictionCurve known = s.predictions().get(0);
        assertEquals(id + "#learned", known.id());
        assertEquals("equation", known.truthSource());
        assertEquals("2*x*x-1", known.truthEquation());
        assertArrayEquals(new double[] {1, -0.5, -1, -0.5, 1}, known.truthY(), 1e-12);
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, known.predictedY(), 1e-12);
        DashboardSnapshot.PredictionCurve unknown = s.predictions().get(1);
        assertEquals("network", unknown.truthSource());
        assertNull(unknown.truthEquation());
        assertNull(unknown.predictedY(), "the text is not an equation");
        assertEquals(network.evaluate(0.5), unknown.truthY()[3], 1e-12);

        assertEquals(1, c.snapshot(1).predictions().size());
        assertEquals("req-9", c.snapshot(1).predictions().get(0).id(), "the newest");
        for (int i = 0; i < 50; i++) {
            c.predicted("more-" + i, network, decoded("1"));
        }
        assertEquals(
                List.of("more-48", "more-49"),
                c.snapshot(10).predictions().stream()
                        .map(DashboardSnapshot.PredictionCurve::id)
                        .toList(),
                "bounded: the newest 2");
    }

    @Test
    void knownEquationsAreBoundedAndOnlyOfTheValidationSlice() {
        DashboardCollector c = collector(5, 2, 10);
        Network network = Fixtures.domainNetwork(4);
        List<String> slice = ids("v-", true, 3);
        String training = ids("t-", false, 1).get(0);
        for (int i = 0; i < 3; i++) {
            c.accepted(
                    new TrainingExample(slice.get(i), network, Polynomial.parse(i + 1 + "*x"), true),
                    ContinuousTraining.Admission.VALIDATION);
        }
        c.accepted(
                new TrainingExample(training, network, Polynomial.parse("5"), true),
                ContinuousTraining.Admission.TRAINING);
        for (String id : List.of(slice.get(0), slice.get(1), slice.get(2), training)) {
            c.predicted(id, network, decoded("1"));
        }
        List<String> sources = c.snapshot(5).predictions().stream()
                .map(DashboardSnapshot.PredictionCurve::truthSource)
                .toList();
        assertEquals(
                List.of("network", "equation", "equation", "network"),
                sources,
                "the first was evicted (2 kept); a training example's truth is not kept");
    }

    @Test
    void badSettingsAreRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new DashboardCollector(
                        new DashboardCollector.Settings(List.of("t"), 2, 5, 5, 0, 5, 0, 5, 5, -1, 1, FRACTION),
                        now::get));
        assertEquals(
                true,
                e.getMessage().startsWith("dashboard settings: the history sizes must be at least 1"),
                e.getMessage());
    }
}

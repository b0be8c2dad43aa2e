package io.weights2eq.decoder.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.decoder.Fixtures;
import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.CheckpointFormat;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.domain.equation.Polynomial;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinuousTrainingTest {
    private static final double FRACTION = 0.2;
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final FakeTrainer trainer = new FakeTrainer();
    private final ServingModel serving = new ServingModel();
    private final List<ModelAnnouncement> announced = new ArrayList<>();
    private final List<Set<String>> evaluatedOn = new ArrayList<>();
    private final Map<Long, Double> scoreByStep = new HashMap<>();
    private final MutableClock clock = new MutableClock();

    private static final class MutableClock extends Clock {
        final AtomicLong millis =
                new AtomicLong(Instant.parse("2026-11-22T01:37:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private ContinuousTraining engine(
            int evalEvery, int keep, int validationMax, Duration maxTraining, boolean convergedOnly) {
        ContinuousTraining.Settings settings = new ContinuousTraining.Settings(
                4, 8, 1000, evalEvery, validationMax, FRACTION, convergedOnly, maxTraining, 7, "learned");
        Evaluator evaluator = (checkpoint, validation) -> {
            Set<String> ids = new HashSet<>();
            validation.forEach(e -> ids.add(e.equationId()));
            evaluatedOn.add(ids);
            LongToDoubleFunction score = step -> scoreByStep.getOrDefault(step, 0.0);
            return Map.of(
                    DecodingMetrics.EXACT_MATCH, score.applyAsDouble(checkpoint.step()), DecodingMetrics.COUNT, (double)
                            validation.size());
        };
        return new ContinuousTraining(
                settings,
                () -> trainer,
                new CheckpointDirectory(dir, keep),
                serving,
                evaluator,
                a -> {
                    announced.add(a);
                    return CompletableFuture.completedFuture(null);
                },
                TrainingListener.NONE,
                clock);
    }

    private static TrainingExample example(String id, boolean converged) {
        return new TrainingExample(id, Fixtures.domainNetwork(id.hashCode()), Polynomial.parse("2*x+1"), converged);
    }

    /** Feeds n examples eq-0.. on partition 0; returns the ids in the validation slice. */
    private static Set<String> feed(ContinuousTraining engine, int n) {
        ValidationSlice slice = new ValidationSlice(FRACTION);
        Set<String> validation = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String id = "eq-" + i;
            ContinuousTraining.Admission admission = engine.accept(example(id, true), 0, i);
            assertEquals(
                    slice.contains(id)
                            ? ContinuousTraining.Admission.VALIDATION
                            : ContinuousTraining.Admission.TRAINING,
                    admission,
                    id);
            if (slice.contains(id)) {
                validation.add(id);
            }
        }
        return validation;
    }

    private static List<ContinuousTraining.Evaluation> trainSteps(ContinuousTraining engine, long untilStep) {
        List<ContinuousTraining.Evaluation> evaluations = new ArrayList<>();
        while (engine.steps() < untilStep && engine.canTrain()) {
            engine.train(Duration.ZERO).ifPresent(evaluations::add);
        }
        return evaluations;
    }

    @Test
    void everyAcceptedExampleIsToldToTheListenersWithItsAdmission() {
        List<String> told = new ArrayList<>();
        TrainingListener recording = new TrainingListener() {
            @Override
            public void stepped(long steps, long examplesSeen, double recentLoss) {}

            @Override
            public void evaluated(String version, Map<String, Double> metrics, boolean swapped) {}

            @Override
            public void buffered(int bufferSize, int validationSize) {}

            @Override
            public void accepted(TrainingExample example, ContinuousTraining.Admission admission) {
                told.add(example.equationId() + ":" + admission);
            }
        };
        ContinuousTraining engine = new ContinuousTraining(
                new ContinuousTraining.Settings(4, 8, 1000, 10, 1000, FRACTION, true, Duration.ZERO, 7, "learned"),
                () -> trainer,
                new CheckpointDirectory(dir, 5),
                serving,
                (checkpoint, validation) -> Map.of(),
                a -> CompletableFuture.completedFuture(null),
                TrainingListener.all(TrainingListener.NONE, recording),
                clock);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ContinuousTraining.Admission admission = engine.accept(example("eq-" + i, i % 5 != 0), 0, i);
            expected.add("eq-" + i + ":" + admission);
        }
        assertEquals(expected, told);
        for (ContinuousTraining.Admission a : ContinuousTraining.Admission.values()) {
            assertTrue(told.stream().anyMatch(t -> t.endsWith(":" + a)), "some " + a + " in " + told);
        }
    }

    @Test
    void validationExamplesAreNeverTrainedOnAndAreWhatIsEvaluated() {
        ContinuousTraining engine = engine(10, 5, 1000, Duration.ZERO, true);
        Set<String> validation = feed(engine, 400);
        assertTrue(validation.size() > 40 && validation.size() < 120, "about a fifth: " + validation.size());
        trainSteps(engine, 30);

        assertEquals(30 * 4, trainer.trainedOn.size());
        for (String id : trainer.trainedOn) {
            assertFalse(validation.contains(id), id + " is in the validation slice but was trained on");
        }
        assertEquals(3, evaluatedOn.size());
        assertEquals(validation, evaluatedOn.get(0), "every evaluation runs on exactly the validation examples");
        assertEquals(400 - validation.size(), engine.bufferSize());
    }

    @Test
    void theValidationSetIsBoundedAndAReTrainedNetworkReplacesItsExample() {
        ContinuousTraining engine = engine(5, 5, 10, Duration.ZERO, true);
        feed(engine, 400);
        assertEquals(10, engine.validationSet().size());
        String first = engine.validationSet().get(0).equationId();
        engine.accept(example(first, true), 0, 400);
        assertEquals(10, engine.validationSet().size());
        trainSteps(engine, 5);
        assertEquals(10, evaluatedOn.get(0).size());
    }

    @Test
    void nonConvergedNetworksAreLeftOutWhenAsked() {
        ContinuousTraining engine = engine(5, 5, 100, Duration.ZERO, true);
        assertEquals(ContinuousTraining.Admission.SKIPPED, engine.accept(example("eq-1", false), 0, 0));
        assertEquals(0, engine.bufferSize());
        ContinuousTraining lenient = engine(5, 5, 100, Duration.ZERO, false);
        assertTrue(lenient.accept(example("eq-1", false), 0, 0) != ContinuousTraining.Admission.SKIPPED);
    }

    @Test
    void noTrainingBeforeTheBufferHoldsMinBuffer() {
        ContinuousTraining engine = engine(5, 5, 100, Duration.ZERO, true);
        for (int i = 0; engine.bufferSize() < 7; i++) {
            engine.accept(example("warm-" + i, true), 0, i);
        }
        assertFalse(engine.canTrain());
        assertEquals(Optional.empty(), engine.train(LONG));
        assertEquals(0, trainer.steps);
    }

    @Test
    void aCheckpointEveryEvalEveryStepsOnlyTheLastKeptKept() {
        ContinuousTraining engine = engine(5, 3, 1000, Duration.ZERO, true);
        feed(engine, 200);
        List<ContinuousTraining.Evaluation> evaluations = trainSteps(engine, 20);

        assertEquals(
                List.of(5L, 10L, 15L, 20L),
                evaluations.stream().map(ContinuousTraining.Evaluation::step).toList());
        List<Path> files = new CheckpointDirectory(dir, 3).list();
        assertEquals(3, files.size(), "older checkpoints pruned: " + files);
        assertTrue(
                files.get(2).getFileName().toString().startsWith("decoder-000000000020-s20-20261122013700"),
                files.toString());
        ContinuousTraining.Evaluation last = evaluations.get(3);
        assertEquals("s20-20261122013700", last.version());
        assertTrue(last.version().matches("[A-Za-z0-9._-]+"));
        assertEquals(files.get(2), last.checkpoint());

        assertEquals(4, announced.size());
        ModelAnnouncement announcement = announced.get(3);
        assertEquals("learned", announcement.modelName());
        assertEquals(20, announcement.step());
        assertEquals(last.checkpoint().toString(), announcement.checkpointPath());
        assertEquals(80.0, announcement.metrics().get("examplesSeen"));
        assertTrue(announcement.metrics().get("trainingLoss") > 0);
        assertTrue(announcement.metrics().containsKey(DecodingMetrics.EXACT_MATCH));

        DecoderCheckpoint written = new CheckpointDirectory(dir, 3).latest().orElseThrow();
        assertEquals(20, written.step());
        assertEquals(80, written.examplesSeen());
        assertEquals(announcement.metrics(), written.metrics(), "the checkpoint carries its metrics");
        assertEquals(1, written.optimizerState().size(), "the optimiser state is kept for resuming");
    }

    @Test
    void aCheckpointIsSwappedIntoServingOnlyWhenItsExactMatchIsBetter() {
        ContinuousTraining engine = engine(5, 10, 1000, Duration.ZERO, true);
        feed(engine, 200);
        scoreByStep.put(5L, 0.10);
        scoreByStep.put(10L, 0.05);
        scoreByStep.put(15L, 0.10);
        scoreByStep.put(20L, 0.30);
        List<ContinuousTraining.Evaluation> evaluations = trainSteps(engine, 20);

        assertEquals(
                List.of(true, false, false, true),
                evaluations.stream().map(ContinuousTraining.Evaluation::swapped).toList(),
                "first model (none served before), worse, equal, better");
        assertEquals(
                evaluations.get(3).version(), serving.current().orElseThrow().version());
    }

    @Test
    void aShippedModelIsJudgedOnTheSameValidationSet() {
        serving.swap(
                FakeTrainer.checkpoint("shipped-1", 0, Map.of(DecodingMetrics.EXACT_MATCH, 0.99)),
                "models/shipped.w2ed");
        scoreByStep.put(0L, 0.20); // what the shipped model scores on this validation set (not its own 0.99)
        scoreByStep.put(5L, 0.10);
        scoreByStep.put(10L, 0.25);
        ContinuousTraining engine = engine(5, 10, 1000, Duration.ZERO, true);
        feed(engine, 200);
        List<ContinuousTraining.Evaluation> evaluations = trainSteps(engine, 10);

        assertFalse(evaluations.get(0).swapped());
        assertTrue(evaluations.get(1).swapped());
        assertEquals("s10-20261122013700", serving.current().orElseThrow().version());
    }

    @Test
    void trainingResumesFromTheLatestCheckpoint() throws Exception {
        CheckpointDirectory checkpoints = new CheckpointDirectory(dir, 5);
        checkpoints.write(FakeTrainer.checkpoint("s30-20261121000000", 30, Map.of()));
        checkpoints.write(FakeTrainer.checkpoint("s40-20261121000100", 40, Map.of()));
        ContinuousTraining engine = engine(5, 5, 1000, Duration.ZERO, true);

        assertEquals("s40-20261121000100", engine.resume().orElseThrow().version());
        assertEquals(40, engine.steps());
        assertFalse(engine.trainerStarted(), "the trainer is created when training starts");
        assertEquals(Optional.empty(), engine.checkpointIfAdvanced());
        feed(engine, 100);
        engine.train(Duration.ZERO);
        assertEquals("s40-20261121000100", trainer.restoredFrom);
        assertEquals(41, trainer.steps);
        assertEquals(320 + 4, trainer.examplesSeen);
        List<ContinuousTraining.Evaluation> evaluations = trainSteps(engine, 45);
        assertEquals(45, evaluations.get(0).step());
        assertEquals(320 + 5 * 4, evaluations.get(0).examplesSeen());
        assertTrue(CheckpointFormat.read(evaluations.get(0).checkpoint()).step() == 45);
    }

    @Test
    void aFreshStartResumesNothing() {
        ContinuousTraining engine = engine(5, 5, 1000, Duration.ZERO, true);
        assertEquals(Optional.empty(), engine.resume());
        feed(engine, 100);
        engine.train(Duration.ZERO);
        assertEquals(null, trainer.restoredFrom);
        assertEquals(1, trainer.steps);
    }

    @Test
    void offsetsBecomeCommittableOnlyWithACheckpointThatCoversThem() {
        ContinuousTraining engine = engine(5, 5, 1000, Duration.ZERO, true);
        for (int i = 0; i < 40; i++) {
            engine.accept(example("p0-" + i, true), 0, 100 + i);
            engine.accept(example("p1-" + i, true), 1, 500 + i);
        }
        engine.skip(2, 9); // a dead letter
        // steps 1-4: no checkpoint, nothing committable
        for (int i = 0; i < 4; i++) {
            assertEquals(Optional.empty(), engine.train(Duration.ZERO));
        }
        ContinuousTraining.Evaluation first = engine.train(Duration.ZERO).orElseThrow();
        assertEquals(Map.of(0, 140L, 1, 540L, 2, 10L), first.committable());

        engine.accept(example("p0-late", true), 0, 140);
        ContinuousTraining.Evaluation second = trainSteps(engine, 10).get(0);
        assertEquals(141L, second.committable().get(0), "taken in before the second checkpoint");
        assertEquals(Map.of(0, 140L, 1, 540L, 2, 10L), first.committable(), "the first is a snapshot");

        engine.forget(List.of(1));
        assertFalse(trainSteps(engine, 15).get(0).committable().containsKey(1), "a revoked partition is not committed");
    }

    @Test
    void trainingStopsAfterMaxTrainingTimeWithALastCheckpoint() {
        ContinuousTraining engine = engine(100, 5, 1000, Duration.ofSeconds(60), true);
        engine.resume();
        feed(engine, 100);
        assertEquals(Optional.empty(), engine.train(Duration.ZERO));
        assertEquals(Optional.empty(), engine.train(Duration.ZERO));
        clock.millis.addAndGet(61_000);
        ContinuousTraining.Evaluation last = engine.train(LONG).orElseThrow();
        assertEquals(2, last.step());
        assertTrue(engine.finished());
        assertFalse(engine.canTrain());
        assertEquals(Optional.empty(), engine.checkpointIfAdvanced(), "nothing new since the last checkpoint");
    }

    @Test
    void aCheckpointAtShutdownOnlyWhenStepsWereTakenSinceTheLastOne() {
        ContinuousTraining engine = engine(5, 5, 1000, Duration.ZERO, true);
        assertEquals(Optional.empty(), engine.checkpointIfAdvanced());
        feed(engine, 100);
        trainSteps(engine, 7);
        assertEquals(7, engine.checkpointIfAdvanced().orElseThrow().step());
        engine.close();
        assertTrue(trainer.closed);
        ContinuousTraining idle = engine(5, 5, 1000, Duration.ZERO, true);
        idle.close(); // never trained: no trainer to close
    }

    @Test
    void versionsAreStepAndUtcTime() {
        assertEquals(
                "s1500-20261122013700",
                ModelVersions.of(1500, Instant.parse("2026-11-22T01:37:00Z").toEpochMilli()));
    }
}

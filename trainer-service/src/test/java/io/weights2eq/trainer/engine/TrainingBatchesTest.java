package io.weights2eq.trainer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.ScalarBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trainer's decisions with fake ports: what is published, dead-lettered, and when offsets become committable. */
class TrainingBatchesTest {
    private static final TrainingConfig SMALL =
            TrainingConfig.defaults().withSteps(30).withSamples(200, 100, 50).withQualityGate(1e-3, 0);
    private static final Duration MAX_WAIT = Duration.ofMillis(300);

    private final List<String> published = new ArrayList<>();
    private final List<String> deadLettered = new ArrayList<>();
    private final List<Integer> batchesTrained = new ArrayList<>();
    private final Future<?> ack = CompletableFuture.completedFuture(null);
    private long nanos;

    private final TrainerListener listener = new TrainerListener() {
        @Override
        public void batchTrained(List<TrainedNetwork> networks, long batchNanos) {
            batchesTrained.add(networks.size());
        }

        @Override
        public void rejected(String reason) {}

        @Override
        public void lag(long records) {}
    };
    private final TrainingBatches<String> batches = new TrainingBatches<>(
            new WorkerSettings("trainers", "t-1", 2, MAX_WAIT, Duration.ofMillis(10), 1, 50_000),
            new NetworkTrainer(new ScalarBackend(), SMALL),
            Executors.newSingleThreadExecutor(),
            network -> {
                published.add(network.equationId());
                return ack;
            },
            (record, reason) -> {
                deadLettered.add(record + ": " + reason);
                return ack;
            },
            listener,
            () -> nanos);

    @AfterEach
    void close() {
        batches.close();
    }

    /** y = x² on 300 samples in [-1, 1]: enough for the small config. */
    private static TrainingTask task(String id, int samples) {
        float[] x = new float[samples];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = -1 + 2f * i / (samples - 1);
            y[i] = x[i] * x[i];
        }
        return new TrainingTask(id, x, y, 1);
    }

    private static void awaitTrained(TrainingBatches<String>.Batch batch) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (!batch.trained()) {
                Thread.sleep(5);
            }
        });
    }

    @Test
    void aFullBatchTrainsAndPublishesThenItsOffsetsBecomeCommittable() {
        batches.accept(0, 5, task("eq-a", 300));
        assertFalse(batches.batchReady(), "one of two, and no time passed");
        batches.accept(1, 7, task("eq-b", 300));
        assertTrue(batches.batchReady());

        TrainingBatches<String>.Batch batch = batches.train();
        assertFalse(batches.batchReady(), "the next batch gathers afresh");
        awaitTrained(batch);
        List<Future<?>> acks = batch.publish();

        assertEquals(List.of("eq-a", "eq-b"), published);
        assertEquals(2, acks.size());
        assertEquals(Map.of(), batches.commit().offsets(), "nothing is done before the networks are acknowledged");
        batch.published();
        assertEquals(Map.of(0, 6L, 1, 8L), batches.commit().offsets());
        assertEquals(List.of(2), batchesTrained);
    }

    @Test
    void aPartialBatchIsReadyOnceTheMaxWaitPassedSinceItsFirstEquation() {
        batches.accept(0, 0, task("eq-a", 300));
        nanos += MAX_WAIT.toNanos() - 1;
        assertFalse(batches.batchReady());
        nanos += 1;
        assertTrue(batches.batchReady());
    }

    @Test
    void aRejectedRecordGoesToTheDeadLettersAndIsCommittableWithTheirAcknowledgement() {
        batches.reject("record-3", 0, 3, "value: not an Avro record");

        assertEquals(List.of("record-3: value: not an Avro record"), deadLettered);
        assertTrue(batches.onlyRejectionsDone());
        TrainingBatches.Commit commit = batches.commit();
        assertEquals(1, commit.acks().size());
        assertSame(ack, commit.acks().get(0));
        assertEquals(Map.of(0, 4L), commit.offsets());
        assertFalse(batches.onlyRejectionsDone(), "taken by the commit");
    }

    @Test
    void aFailedTrainingIsOneFailedAcknowledgementAndPublishesNothing() {
        batches.accept(0, 0, task("eq-short", 10)); // below the trainer's minimum: training throws
        TrainingBatches<String>.Batch batch = batches.train();
        awaitTrained(batch);

        List<Future<?>> acks = batch.publish();

        assertEquals(1, acks.size());
        assertThrows(ExecutionException.class, () -> acks.get(0).get());
        assertEquals(List.of(), published);
        assertEquals(Map.of(), batches.commit().offsets());
    }

    @Test
    void forgettingAllAfterAFailedAcknowledgementLeavesNothingToCommit() {
        batches.reject("record-0", 0, 0, "value: null");
        batches.accept(0, 1, task("eq-a", 300));

        batches.forgetAll();

        TrainingBatches.Commit commit = batches.commit();
        assertEquals(Map.of(), commit.offsets());
        assertEquals(List.of(), commit.acks());
        assertFalse(batches.batchReady());
    }

    @Test
    void revokedPartitionsLeaveTheGatheringBatchAndTheCommit() {
        batches.accept(0, 0, task("eq-a", 300));
        batches.accept(1, 0, task("eq-b", 300));
        batches.reject("record-1", 1, 1, "value: null");

        batches.forget(List.of(1));
        TrainingBatches<String>.Batch batch = batches.train();
        awaitTrained(batch);
        batch.publish();
        batch.published();

        assertEquals(List.of("eq-a"), published);
        assertEquals(Map.of(0, 1L), batches.commit().offsets());
    }
}

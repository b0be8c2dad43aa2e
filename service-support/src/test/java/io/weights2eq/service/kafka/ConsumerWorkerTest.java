package io.weights2eq.service.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumerWorkerTest {
    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final List<ConsumerRecord<byte[], byte[]>> handled = new CopyOnWriteArrayList<>();
    private ConsumerWorker worker;

    /** A handler that records what it got, then does {@code then} with each non-empty poll. */
    private RecordHandler handler(BiConsumer<ConsumerRecords<byte[], byte[]>, WorkerControl> then) {
        return new RecordHandler() {
            @Override
            public Duration pollTimeout() {
                return Duration.ofMillis(10);
            }

            @Override
            public void onRecords(ConsumerRecords<byte[], byte[]> records, WorkerControl control) {
                records.forEach(handled::add);
                if (!records.isEmpty()) {
                    then.accept(records, control);
                }
            }
        };
    }

    private void startWith(RecordHandler handler, int records) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            for (int i = 0; i < records; i++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, null, new byte[] {(byte) i}));
            }
        });
        worker = new ConsumerWorker("test-worker", TOPIC, () -> consumer, handler, Duration.ofSeconds(5)).start();
    }

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> after(ConsumerRecords<byte[], byte[]> records) {
        long last = records.records(P0).get(records.records(P0).size() - 1).offset();
        return Map.of(P0, new OffsetAndMetadata(last + 1));
    }

    @Test
    void deliversPolledRecordsAndCommitsWhatTheHandlerAsks() throws InterruptedException {
        startWith(handler((records, control) -> control.commit(after(records))), 3);
        await(() -> handled.size() == 3);
        await(() -> consumer.committed(Set.of(P0)).get(P0) != null);
        assertEquals(3, consumer.committed(Set.of(P0)).get(P0).offset());
        assertEquals(Set.of(P0), worker.assignedPartitions());
    }

    @Test
    void commitsNothingForPartitionsNoLongerOwned() throws InterruptedException {
        startWith(
                handler((records, control) -> {
                    control.commit(Map.of(new TopicPartition(TOPIC, 7), new OffsetAndMetadata(1)));
                    control.commit(after(records));
                }),
                1);
        await(() -> consumer.committed(Set.of(P0)).get(P0) != null);
        assertFalse(consumer.committed(Set.of(new TopicPartition(TOPIC, 7))).containsKey(new TopicPartition(TOPIC, 7)));
    }

    @Test
    void pausesAndResumesTheAssignedPartitions() throws InterruptedException {
        List<Set<TopicPartition>> pausedSeen = new CopyOnWriteArrayList<>();
        startWith(
                handler((records, control) -> {
                    control.pauseAll();
                    pausedSeen.add(Set.copyOf(consumer.paused()));
                    control.resumeAll();
                    pausedSeen.add(Set.copyOf(consumer.paused()));
                }),
                1);
        await(() -> pausedSeen.size() == 2);
        assertEquals(List.of(Set.of(P0), Set.of()), pausedSeen);
    }

    @Test
    void rewindSeeksBackToTheCommittedOffsetAndResumes() throws InterruptedException {
        List<Long> positions = new CopyOnWriteArrayList<>();
        startWith(
                handler((records, control) -> {
                    control.commit(Map.of(P0, new OffsetAndMetadata(1)));
                    control.pauseAll();
                    positions.add(consumer.position(P0));
                    control.rewind(); // e.g. a batch failed after the first record was committed
                    positions.add(consumer.position(P0));
                }),
                3);
        await(() -> positions.size() == 2);
        assertEquals(List.of(3L, 1L), positions);
        assertTrue(consumer.paused().isEmpty(), "a rewind resumes what it owns");
    }

    @Test
    void aFailedAcknowledgementRewindsAndCommitsNothing() throws InterruptedException {
        List<Long> positions = new CopyOnWriteArrayList<>();
        startWith(
                handler((records, control) -> {
                    var ack = CompletableFuture.failedFuture(new RuntimeException("broker down"));
                    if (control.acknowledged(List.of(ack), "test records")) {
                        control.commit(after(records));
                    }
                    positions.add(consumer.position(P0));
                }),
                2);
        await(() -> positions.size() == 1);
        assertEquals(List.of(0L), positions, "no committed offset: back to the beginning");
        assertFalse(consumer.committed(Set.of(P0)).containsKey(P0));
    }

    @Test
    void closeStopsTheThreadAfterTheLastCommit() throws InterruptedException {
        var stopped = new AtomicBoolean();
        RecordHandler base = handler((records, control) -> {});
        startWith(
                new RecordHandler() {
                    @Override
                    public Duration pollTimeout() {
                        return base.pollTimeout();
                    }

                    @Override
                    public void onRecords(ConsumerRecords<byte[], byte[]> records, WorkerControl control) {
                        base.onRecords(records, control);
                    }

                    @Override
                    public void onStop(WorkerControl control) {
                        control.commit(Map.of(P0, new OffsetAndMetadata(1)));
                        stopped.set(consumer.committed(Set.of(P0)).get(P0).offset() == 1);
                    }
                },
                1);
        await(() -> handled.size() == 1);
        assertTrue(worker.isAlive());
        worker.close();
        assertFalse(worker.isAlive());
        assertTrue(stopped.get(), "committed at stop");
        assertTrue(consumer.closed());
    }

    @Test
    void aHandlerThatThrowsEndsTheWorkerAndItsLiveness() throws InterruptedException {
        startWith(
                handler((records, control) -> {
                    throw new IllegalStateException("cannot go on");
                }),
                1);
        await(() -> !worker.isAlive());
        assertInstanceOf(IllegalStateException.class, worker.failure());
        assertTrue(consumer.closed());
    }

    @Test
    void sinceLastPollGrowsWhenTheThreadNoLongerPolls() throws InterruptedException {
        startWith(
                handler((records, control) -> {
                    throw new IllegalStateException("dead");
                }),
                1);
        await(() -> !worker.isAlive());
        Duration first = worker.sinceLastPoll();
        Thread.sleep(50);
        assertTrue(worker.sinceLastPoll().compareTo(first.plusMillis(40)) >= 0);
    }
}

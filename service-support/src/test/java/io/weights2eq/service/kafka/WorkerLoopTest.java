package io.weights2eq.service.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A loop answers its health from its worker, on a MockConsumer. */
class WorkerLoopTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);

    private record Loop(ConsumerWorker worker) implements WorkerLoop {}

    @Test
    void aLoopIsAliveWithItsPartitionsUntilClosed() throws InterruptedException {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L)); // else the next poll fails: no position to start from
        });
        RecordHandler idle = new RecordHandler() {
            @Override
            public Duration pollTimeout() {
                return Duration.ofMillis(10);
            }

            @Override
            public void onRecords(ConsumerRecords<byte[], byte[]> records, WorkerControl control) {}
        };
        Loop loop = new Loop(new ConsumerWorker("loop", "t", () -> consumer, idle, Duration.ofSeconds(5)).start());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (loop.assignedPartitions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertEquals(Set.of(P0), loop.assignedPartitions());
        assertTrue(loop.isAlive());
        assertTrue(loop.sinceLastPoll().toSeconds() < 5);
        loop.close();
        assertFalse(loop.isAlive());
    }
}

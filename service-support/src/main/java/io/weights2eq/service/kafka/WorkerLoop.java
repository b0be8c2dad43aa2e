package io.weights2eq.service.kafka;

import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** A service's consumer loop that runs on a {@link ConsumerWorker}: its health, as the worker tells it. */
public interface WorkerLoop extends AutoCloseable {
    /** The worker that runs this loop's consumer. */
    ConsumerWorker worker();

    default boolean isAlive() {
        return worker().isAlive();
    }

    default Duration sinceLastPoll() {
        return worker().sinceLastPoll();
    }

    /** Partitions assigned now (a snapshot, for tests and status). */
    default Set<TopicPartition> assignedPartitions() {
        return worker().assignedPartitions();
    }

    @Override
    default void close() {
        worker().close();
    }
}

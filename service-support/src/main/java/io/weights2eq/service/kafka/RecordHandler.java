package io.weights2eq.service.kafka;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer loop does with its records; the {@link ConsumerWorker} owns the thread, the consumer and the
 * polling. Every method runs on the worker's thread. Offsets are committed only through {@link WorkerControl#commit}.
 */
public interface RecordHandler {
    /** Before the consumer subscribes: create here what only this thread may use. */
    default void open() {}

    /** How long the next poll may wait for records. */
    Duration pollTimeout();

    /** One poll's records, possibly none. */
    void onRecords(ConsumerRecords<byte[], byte[]> records, WorkerControl control);

    /** The loop stops normally (closed or {@link WorkerControl#stop() stopped}): a last chance to commit. */
    default void onStop(WorkerControl control) {}

    default void onAssigned(Collection<TopicPartition> partitions, WorkerControl control) {}

    default void onRevoked(Collection<TopicPartition> partitions, WorkerControl control) {}

    /** The broker refused a commit; by default the worker stops (its health goes DOWN). */
    default void onCommitFailed(KafkaException e) {
        throw e;
    }

    /** The thread ends, however it ends. */
    default void close() {}
}

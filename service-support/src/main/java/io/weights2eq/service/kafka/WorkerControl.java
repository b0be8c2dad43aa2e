package io.weights2eq.service.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a {@link RecordHandler} may ask of its worker's consumer, on the worker's thread. */
public interface WorkerControl {
    /** Polls once more (e.g. paused, to stay in the group during long work); counts for liveness. */
    ConsumerRecords<byte[], byte[]> poll();

    void pause(Collection<TopicPartition> partitions);

    /** Pauses every partition assigned now (backpressure). */
    void pauseAll();

    void resumeAll();

    /** Seeks every owned partition back to its committed offset (or the beginning) and resumes it: nothing is skipped. */
    void rewind();

    /** Commits the offsets of partitions still owned; the others' next owner consumes them again. */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets);

    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions);

    void seekToBeginning(TopicPartition partition);

    /** Partitions assigned now. */
    Set<TopicPartition> assigned();

    /** Records behind the end of the owned partitions, as far as this consumer knows. */
    long lag();

    /** Ends the loop after this call: {@link RecordHandler#onStop} runs, then the consumer leaves its group. */
    void stop();

    /**
     * Waits for the broker's acknowledgements. On a failure it rewinds (the records are consumed again) and answers
     * false; on interruption it stops the loop and answers false.
     */
    default boolean acknowledged(List<? extends Future<?>> acks, String what) {
        try {
            for (Future<?> ack : acks) {
                ack.get();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } catch (ExecutionException e) {
            org.jboss.logging.Logger.getLogger(WorkerControl.class)
                    .error(what + " not acknowledged; their records will be consumed again", e.getCause());
            rewind();
        }
        return false;
    }
}

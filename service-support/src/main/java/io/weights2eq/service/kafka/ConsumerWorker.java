package io.weights2eq.service.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One consumer on its own thread: subscribes, polls and hands the records to a {@link RecordHandler}, which
 * commits only the work it finished. A handler that throws ends the thread: {@link #isAlive()} turns false and
 * the service's liveness check goes DOWN, so the platform restarts the process; {@link #failure()} says why.
 */
public final class ConsumerWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConsumerWorker.class);

    private final String name;
    private final String topic;
    private final Supplier<? extends Consumer<byte[], byte[]>> consumerFactory;
    private final RecordHandler handler;
    private final Duration closeTimeout;
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Control control = new Control();

    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;

    public ConsumerWorker(
            String name,
            String topic,
            Supplier<? extends Consumer<byte[], byte[]>> consumerFactory,
            RecordHandler handler,
            Duration closeTimeout) {
        this.name = name;
        this.topic = topic;
        this.consumerFactory = consumerFactory;
        this.handler = handler;
        this.closeTimeout = closeTimeout;
    }

    /** Starts the worker's daemon thread, named {@code name}. */
    public ConsumerWorker start() {
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    void run() {
        try {
            handler.open();
            try (Consumer<byte[], byte[]> c = consumerFactory.get();
                    GroupMembership.Leaving leaving = GroupMembership.leavingOnClose(c)) {
                consumer = c;
                c.subscribe(List.of(topic), new Rebalance());
                try {
                    while (running) {
                        handler.onRecords(control.poll(), control);
                    }
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                }
                handler.onStop(control);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error(name + " stopped", e);
            throw e;
        } finally {
            handler.close();
            LOG.infof("%s stopped", name);
        }
    }

    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollNanos);
    }

    /** Why the thread ended, when a handler or the consumer threw; null otherwise. */
    public Throwable failure() {
        return failure;
    }

    /** Partitions assigned now (a snapshot). */
    public Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(assigned);
    }

    /** Wakes the consumer and waits for the thread to end (its handler's {@code onStop} included). */
    @Override
    public void close() {
        running = false;
        Consumer<byte[], byte[]> c = consumer;
        Thread t = thread;
        if (c != null) {
            c.wakeup();
        }
        if (t != null) {
            try {
                t.join(closeTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Control implements WorkerControl {
        @Override
        public ConsumerRecords<byte[], byte[]> poll() {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(handler.pollTimeout());
            lastPollNanos = System.nanoTime();
            return records;
        }

        @Override
        public void pause(Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
        }

        @Override
        public void pauseAll() {
            consumer.pause(consumer.assignment());
        }

        @Override
        public void resumeAll() {
            consumer.resume(consumer.assignment());
        }

        @Override
        public void rewind() {
            Set<TopicPartition> owned = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(owned);
            for (TopicPartition partition : owned) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset != null) {
                    consumer.seek(partition, offset);
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
            consumer.resume(owned);
        }

        @Override
        public void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(offsets);
            owned.keySet().retainAll(assigned);
            if (owned.isEmpty()) {
                return;
            }
            try {
                try {
                    consumer.commitSync(owned);
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                    consumer.commitSync(owned); // the last commit while closing: the wakeup is used up now
                }
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                handler.onCommitFailed(e);
            }
        }

        @Override
        public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
            return consumer.committed(partitions);
        }

        @Override
        public void seekToBeginning(TopicPartition partition) {
            consumer.seekToBeginning(List.of(partition));
        }

        @Override
        public Set<TopicPartition> assigned() {
            return Set.copyOf(assigned);
        }

        @Override
        public long lag() {
            long lag = 0;
            for (TopicPartition partition : assigned) {
                lag += consumer.currentLag(partition).orElse(0);
            }
            return lag;
        }

        @Override
        public void stop() {
            running = false;
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
            handler.onRevoked(partitions, control);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            handler.onAssigned(partitions, control);
        }
    }
}

package io.weights2eq.trainer.inbound.kafka;

import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.dlq.DeadLetterPublisher;
import io.weights2eq.trainer.engine.TrainerListener;
import io.weights2eq.trainer.engine.WorkerSettings;
import io.weights2eq.trainer.outbound.kafka.NetworkPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import io.weights2eq.service.kafka.GroupMembership;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * One trainer worker: a member of the {@code trainers} consumer group.
 *
 * <p>It gathers a micro-batch, then pauses its partitions and trains the batch on another thread
 * while it keeps polling, so a batch that trains longer than {@code max.poll.interval.ms} never gets
 * the worker thrown out of the group. Networks are published, and only once the broker acknowledged
 * them (and every rejected record is in the dead-letter topic) are the offsets committed:
 * at-least-once, with results keyed by equation id so a re-trained equation replaces itself.
 */
public final class EquationConsumerLoop implements Runnable, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EquationConsumerLoop.class);

    private record Pending(TopicPartition partition, long offset, TrainingTask task) {
    }

    private final Map<String, Object> kafkaConfig;
    private final WorkerSettings settings;
    private final NetworkTrainer trainer;
    private final EquationValidator validator;
    private final NetworkPublisher publisher;
    private final DeadLetterPublisher deadLetters;
    private final TrainerListener listener;
    private final ExecutorService trainingThread;

    private final List<Pending> pending = new ArrayList<>();
    private final Map<TopicPartition, Long> processedUpTo = new HashMap<>(); // next offset to commit
    private final List<Future<RecordMetadata>> deadLettersInFlight = new ArrayList<>();
    private final Set<TopicPartition> assigned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger rebalances = new AtomicInteger();
    private long batchStartedNanos;
    private volatile boolean training;
    private volatile boolean running = true;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    public EquationConsumerLoop(Map<String, Object> kafkaConfig, WorkerSettings settings, NetworkTrainer trainer,
                                NetworkPublisher publisher, DeadLetterPublisher deadLetters, TrainerListener listener) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.settings = settings;
        this.trainer = trainer;
        this.validator = new EquationValidator(trainer, settings.trainingSeed(), settings.maxSamples());
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.trainingThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "train-" + settings.instanceId());
            t.setDaemon(true);
            return t;
        });
    }

    public EquationConsumerLoop start() {
        Thread t = new Thread(this, "trainer-loop-" + settings.instanceId());
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    /** Every {@code kafka.*} setting (security included) plus what this loop needs of its consumer. */
    static Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig, WorkerSettings settings) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "trainer-" + settings.instanceId());
        // ~40 KB per equation: fetch enough for a batch without holding hundreds of MB.
        config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return config;
    }

    @Override
    public void run() {
        Map<String, Object> config = consumerConfig(kafkaConfig, settings);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             GroupMembership.Leaving leaving = GroupMembership.leavingOnClose(c)) {
            consumer = c;
            c.subscribe(List.of(Topics.EQUATIONS.topicName()), new Rebalance());
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : poll()) {
                    accept(record);
                }
                if (batchReady()) {
                    trainBatch();
                } else if (pending.isEmpty() && !processedUpTo.isEmpty()) {
                    commitProcessed(); // only rejected records since the last commit
                }
                reportLag();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("trainer loop stopped", e);
            throw e;
        } finally {
            trainingThread.shutdownNow();
            LOG.infof("trainer %s stopped", settings.instanceId());
        }
    }

    private Iterable<ConsumerRecord<byte[], byte[]>> poll() {
        var records = consumer.poll(settings.pollTimeout());
        lastPollNanos = System.nanoTime();
        return records;
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        EquationValidator.Outcome outcome = validator.validate(record.key(), record.value());
        if (outcome instanceof EquationValidator.Accepted accepted) {
            if (pending.isEmpty()) {
                batchStartedNanos = System.nanoTime();
            }
            pending.add(new Pending(partition, record.offset(), accepted.task()));
        } else {
            String reason = ((EquationValidator.Rejected) outcome).reason();
            LOG.warnf("equation at %s@%d rejected to %s: %s", partition, record.offset(),
                    Topics.EQUATIONS.deadLetterTopicName(), reason);
            deadLettersInFlight.add(deadLetters.send(Topics.EQUATIONS, record, reason));
            processedUpTo.merge(partition, record.offset() + 1, Math::max);
            listener.rejected(reason);
        }
    }

    private boolean batchReady() {
        return !pending.isEmpty() && (pending.size() >= settings.batchSize()
                || System.nanoTime() - batchStartedNanos >= settings.maxWait().toNanos());
    }

    private void trainBatch() {
        List<TrainingTask> tasks = pending.stream().map(Pending::task).toList();
        long start = System.nanoTime();
        training = true;
        consumer.pause(consumer.assignment());
        Future<List<TrainedNetwork>> result = trainingThread.submit(() -> trainer.train(tasks));
        List<TrainedNetwork> networks;
        try {
            while (!result.isDone()) {
                // Paused: returns nothing, but keeps this member alive in the group however long training takes.
                for (ConsumerRecord<byte[], byte[]> unexpected : poll()) {
                    throw new IllegalStateException("record from a paused partition: " + unexpected.topic() + "-" + unexpected.partition());
                }
            }
            networks = result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        } catch (ExecutionException e) {
            LOG.error("training a batch of " + tasks.size() + " failed; its equations will be consumed again", e.getCause());
            rewind();
            return;
        } finally {
            training = false;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(networks.size());
        for (TrainedNetwork network : networks) {
            acks.add(publisher.publish(network, settings.instanceId()));
        }
        if (!acknowledged(acks, "networks")) {
            return;
        }
        for (Pending p : pending) {
            processedUpTo.merge(p.partition(), p.offset() + 1, Math::max);
        }
        pending.clear();
        listener.batchTrained(networks, System.nanoTime() - start);
        commitProcessed();
        consumer.resume(consumer.assignment());
    }

    /** Waits for the dead letters, then commits what is done on partitions this worker still owns. */
    private void commitProcessed() {
        if (!acknowledged(deadLettersInFlight, "dead letters")) {
            return;
        }
        deadLettersInFlight.clear();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        processedUpTo.forEach((partition, next) -> {
            if (assigned.contains(partition)) {
                offsets.put(partition, new OffsetAndMetadata(next));
            }
        });
        processedUpTo.clear();
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    /**
     * Waits for the broker's acknowledgements. On a failure it rewinds to the committed offsets (the
     * records are consumed again, nothing skipped) and answers false; on interruption it stops the loop.
     */
    private boolean acknowledged(List<Future<RecordMetadata>> acks, String what) {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (ExecutionException e) {
            LOG.error(what + " not acknowledged; their records will be consumed again", e.getCause());
            rewind();
        }
        return false;
    }

    /** Forgets uncommitted work and seeks back to the committed offsets, so nothing is skipped. */
    private void rewind() {
        pending.clear();
        processedUpTo.clear();
        deadLettersInFlight.clear();
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

    private void reportLag() {
        long lag = 0;
        for (TopicPartition partition : assigned) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        listener.lag(lag);
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            rebalances.incrementAndGet();
            assigned.removeAll(partitions);
            if (!training) {
                // Not trained yet: the next owner consumes them again from the committed offset. Rejected
                // records among them may reach the dead-letter topic twice; an equation is never skipped.
                pending.removeIf(p -> partitions.contains(p.partition()));
                processedUpTo.keySet().removeAll(partitions);
            }
            LOG.infof("trainer %s: revoked %s", settings.instanceId(), partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            if (training) {
                consumer.pause(partitions);
            }
            LOG.infof("trainer %s: assigned %s", settings.instanceId(), partitions);
        }
    }

    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollNanos);
    }

    public boolean isTraining() {
        return training;
    }

    /** Partitions assigned now (a snapshot, for tests and status). */
    public Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(assigned);
    }

    /** Number of rebalances that took partitions away from this worker. */
    public int revocations() {
        return rebalances.get();
    }

    public String instanceId() {
        return settings.instanceId();
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        Thread t = thread;
        if (c != null) {
            c.wakeup();
        }
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

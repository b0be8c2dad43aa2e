package io.weights2eq.decoder.inbound.kafka;

import io.weights2eq.decoder.engine.ContinuousTraining;
import io.weights2eq.records.ExampleRecords;
import io.weights2eq.records.InvalidRecordException;
import io.weights2eq.decoder.inbound.RecordLimits;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.dlq.DeadLetterPublisher;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.RecordDecodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import io.weights2eq.service.kafka.GroupMembership;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The decoder's training thread: consumes {@code examples} as the consumer group {@code decoder-trainer} and drives
 * the {@link ContinuousTraining} engine on the same thread, alternating short polls with slices of training (the
 * Kafka Streams threads never train). Nothing else touches the trainer.
 *
 * <ul>
 * <li>Offsets are committed only after a checkpoint that covers them was written (the engine's
 *     {@link ContinuousTraining.Evaluation#committable()}). After a crash the service resumes from the latest
 *     checkpoint and consumes again what was not committed.</li>
 * <li>The replay buffer and the validation set live in memory. With {@code rereadOnStart} (the default) the loop
 *     reads the compacted topic from the beginning when it gets a partition, to fill them again; the committed
 *     offsets then only mark progress.</li>
 * <li>A record that is not a valid example goes to {@code examples.dlq} with the reason; its offset is committed
 *     with the next checkpoint once the dead letter is acknowledged.</li>
 * </ul>
 */
public final class ExampleConsumerLoop implements Runnable, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExampleConsumerLoop.class);

    /** How the loop consumes and alternates. */
    public record Settings(String groupId, String clientId, boolean rereadOnStart, Duration trainSlice,
                           Duration pollTimeout, RecordLimits limits) {
    }

    private final Map<String, Object> kafkaConfig;
    private final Settings settings;
    private final Supplier<ContinuousTraining> engineFactory;
    private final DeadLetterPublisher deadLetters;
    private final AvroCodec<Example> codec = AvroCodec.of(Example.class);
    private final String topic = Topics.EXAMPLES.topicName();
    private final List<Future<RecordMetadata>> deadLettersInFlight = new ArrayList<>();
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> seen = new HashSet<>();

    private volatile boolean running = true;
    private volatile boolean finished;
    private volatile Throwable failure;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile Thread thread;
    private volatile ContinuousTraining engine;
    private KafkaConsumer<byte[], byte[]> consumer;

    public ExampleConsumerLoop(Map<String, Object> kafkaConfig, Settings settings,
                               Supplier<ContinuousTraining> engineFactory, DeadLetterPublisher deadLetters) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.settings = settings;
        this.engineFactory = engineFactory;
        this.deadLetters = deadLetters;
    }

    public ExampleConsumerLoop start() {
        Thread t = new Thread(this, "decoder-training");
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    /** Every {@code kafka.*} setting (security included) plus what this loop needs of its consumer. */
    static Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig, Settings settings) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        // an evaluation decodes the whole validation set between two polls
        config.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
        return config;
    }

    @Override
    public void run() {
        Map<String, Object> config = consumerConfig(kafkaConfig, settings);
        try {
            engine = engineFactory.get(); // the trainer is created on this thread, which alone uses it
            engine.resume();
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
                 GroupMembership.Leaving leaving = GroupMembership.leavingOnClose(c)) {
                consumer = c;
                c.subscribe(List.of(topic), new Rebalance());
                try {
                    loop();
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                }
                if (!finished) { // stopping: keep what was trained since the last checkpoint
                    engine.checkpointIfAdvanced().ifPresent(this::commit);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("decoder training loop stopped", e);
            throw e;
        } finally {
            ContinuousTraining e = engine;
            if (e != null) {
                e.close();
            }
            LOG.info(finished ? "decoder training finished" : "decoder training loop stopped");
        }
    }

    private void loop() {
        while (running) {
            boolean train = engine.canTrain();
            var records = consumer.poll(train ? Duration.ZERO : settings.pollTimeout());
            lastPollNanos = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                accept(record);
            }
            if (engine.canTrain()) {
                engine.train(settings.trainSlice()).ifPresent(this::commit);
            }
            if (engine.finished()) {
                finished = true;
                return;
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            engine.skip(record.partition(), record.offset()); // a tombstone: nothing to learn
            return;
        }
        String reason;
        try {
            Example example = codec.decode(record.value());
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (key == null || !key.equals(example.getEquationId())) {
                reason = "key: must equal the equation id '" + example.getEquationId() + "', was '" + key + "'";
            } else {
                TrainingExample trainingExample = ExampleRecords.toDomain(example, settings.limits().parameters());
                engine.accept(trainingExample, record.partition(), record.offset());
                return;
            }
        } catch (RecordDecodingException e) {
            reason = "value: " + e.reason();
        } catch (InvalidRecordException e) {
            reason = e.getMessage();
        }
        LOG.warnf("example at %s-%d@%d rejected to %s: %s", record.topic(), record.partition(), record.offset(),
                Topics.EXAMPLES.deadLetterTopicName(), reason);
        deadLettersInFlight.add(deadLetters.send(Topics.EXAMPLES, record, reason));
        engine.skip(record.partition(), record.offset());
    }

    /** Commits what the checkpoint covers, once every dead letter before it is acknowledged. */
    private void commit(ContinuousTraining.Evaluation evaluation) {
        try {
            for (Future<RecordMetadata> ack : deadLettersInFlight) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        } catch (ExecutionException e) {
            LOG.error("dead letters not acknowledged; the examples since the last commit will be consumed again", e.getCause());
            deadLettersInFlight.clear();
            rewind();
            return;
        }
        deadLettersInFlight.clear();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        evaluation.committable().forEach((partition, next) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (assigned.contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(next, evaluation.version()));
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                if (running) {
                    throw e;
                }
                consumer.commitSync(offsets); // the last checkpoint at close: the wakeup is used up now
            }
            LOG.debugf("committed %s after checkpoint %s", offsets, evaluation.version());
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("cannot commit after checkpoint %s (%s); the next checkpoint commits again", evaluation.version(), e);
        }
    }

    private void rewind() {
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
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
            engine.forget(partitions.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset != null && offset.offset() > 0) {
                    engine.skip(partition.partition(), offset.offset() - 1); // never commit below the committed offset
                }
                if (settings.rereadOnStart() && seen.add(partition)) {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
            LOG.infof("decoder training: assigned %s%s", partitions,
                    settings.rereadOnStart() ? " (read from the beginning to fill the replay buffer)" : "");
        }
    }

    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** True when the loop ended normally because the training time was over. */
    public boolean finished() {
        return finished;
    }

    public Throwable failure() {
        return failure;
    }

    public Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollNanos);
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
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

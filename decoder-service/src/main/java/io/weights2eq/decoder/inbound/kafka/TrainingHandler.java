package io.weights2eq.decoder.inbound.kafka;

import io.weights2eq.decoder.engine.ContinuousTraining;
import io.weights2eq.records.ExampleRecords;
import io.weights2eq.records.InvalidRecordException;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.RecordDecodingException;
import io.weights2eq.service.kafka.RecordHandler;
import io.weights2eq.service.kafka.WorkerControl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The {@link ExampleConsumerLoop}'s records: hands each example to the {@link ContinuousTraining} engine, trains a
 * slice between polls, and commits what a checkpoint covers once the dead letters before it are acknowledged.
 */
final class TrainingHandler implements RecordHandler {
    private static final Logger LOG = Logger.getLogger(TrainingHandler.class);

    /** Sends a rejected record to {@code examples.dlq} with the reason; answers its acknowledgement. */
    @FunctionalInterface
    interface DeadLetters {
        Future<?> send(ConsumerRecord<byte[], byte[]> record, String reason);
    }

    private final ExampleConsumerLoop.Settings settings;
    private final Supplier<ContinuousTraining> engineFactory;
    private final DeadLetters deadLetters;
    private final AvroCodec<Example> codec = AvroCodec.of(Example.class);
    private final String topic = Topics.EXAMPLES.topicName();
    private final List<Future<?>> deadLettersInFlight = new ArrayList<>();
    private final Set<TopicPartition> seen = new HashSet<>();

    private volatile boolean finished;
    private ContinuousTraining engine;

    TrainingHandler(
            ExampleConsumerLoop.Settings settings,
            Supplier<ContinuousTraining> engineFactory,
            DeadLetters deadLetters) {
        this.settings = settings;
        this.engineFactory = engineFactory;
        this.deadLetters = deadLetters;
    }

    /** True when the loop ended normally because the training time was over. */
    boolean finished() {
        return finished;
    }

    @Override
    public void open() {
        engine = engineFactory.get(); // the trainer is created on this thread, which alone uses it
        engine.resume();
    }

    @Override
    public Duration pollTimeout() {
        return engine.canTrain() ? Duration.ZERO : settings.pollTimeout();
    }

    @Override
    public void onRecords(ConsumerRecords<byte[], byte[]> records, WorkerControl control) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            accept(record);
        }
        if (engine.canTrain()) {
            engine.train(settings.trainSlice()).ifPresent(evaluation -> commit(evaluation, control));
        }
        if (engine.finished()) {
            finished = true;
            control.stop();
        }
    }

    @Override
    public void onStop(WorkerControl control) {
        if (!finished) { // stopping: keep what was trained since the last checkpoint
            engine.checkpointIfAdvanced().ifPresent(evaluation -> commit(evaluation, control));
        }
    }

    @Override
    public void onAssigned(Collection<TopicPartition> partitions, WorkerControl control) {
        Map<TopicPartition, OffsetAndMetadata> committed = control.committed(new HashSet<>(partitions));
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null && offset.offset() > 0) {
                engine.skip(partition.partition(), offset.offset() - 1); // never commit below the committed offset
            }
            if (settings.rereadOnStart() && seen.add(partition)) {
                control.seekToBeginning(partition);
            }
        }
        LOG.infof(
                "decoder training: assigned %s%s",
                partitions, settings.rereadOnStart() ? " (read from the beginning to fill the replay buffer)" : "");
    }

    @Override
    public void onRevoked(Collection<TopicPartition> partitions, WorkerControl control) {
        engine.forget(partitions.stream().map(TopicPartition::partition).toList());
    }

    @Override
    public void onCommitFailed(KafkaException e) {
        LOG.warnf("cannot commit after the latest checkpoint (%s); the next checkpoint commits again", e);
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        LOG.info(finished ? "decoder training finished" : "decoder training loop stopped");
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
            } else if (!ExampleRecords.learnable(example)) {
                engine.skip(record.partition(), record.offset()); // an expression: no model learns them yet
                return;
            } else {
                engine.accept(
                        ExampleRecords.toDomain(example, settings.limits().parameters()),
                        record.partition(),
                        record.offset());
                return;
            }
        } catch (RecordDecodingException e) {
            reason = "value: " + e.reason();
        } catch (InvalidRecordException e) {
            reason = e.getMessage();
        }
        LOG.warnf(
                "example at %s-%d@%d rejected to %s: %s",
                record.topic(), record.partition(), record.offset(), Topics.EXAMPLES.deadLetterTopicName(), reason);
        deadLettersInFlight.add(deadLetters.send(record, reason));
        engine.skip(record.partition(), record.offset());
    }

    /** Commits what the checkpoint covers, once every dead letter before it is acknowledged. */
    private void commit(ContinuousTraining.Evaluation evaluation, WorkerControl control) {
        boolean acknowledged = control.acknowledged(deadLettersInFlight, "dead letters");
        if (!acknowledged && Thread.currentThread().isInterrupted()) {
            return; // stopping: they stay in flight, so no later commit covers them unacknowledged
        }
        deadLettersInFlight.clear(); // acknowledged, or rewound: their records come back and are sent again
        if (!acknowledged) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        evaluation
                .committable()
                .forEach((partition, next) -> offsets.put(
                        new TopicPartition(topic, partition), new OffsetAndMetadata(next, evaluation.version())));
        LOG.debugf("committing %s after checkpoint %s", offsets, evaluation.version());
        control.commit(offsets);
    }
}

package io.weights2eq.trainer.inbound.kafka;

import io.weights2eq.schema.Topics;
import io.weights2eq.service.kafka.RecordHandler;
import io.weights2eq.service.kafka.WorkerControl;
import io.weights2eq.trainer.engine.TrainerListener;
import io.weights2eq.trainer.engine.TrainingBatches;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The {@link EquationConsumerLoop}'s records: reads each equation, lets the {@link TrainingBatches} engine batch,
 * train and publish, and commits what it says is done once the broker acknowledged it. While a batch trains the
 * partitions are paused and polling goes on, so a long batch keeps this member in its group.
 */
final class TrainingBatchHandler implements RecordHandler {
    private static final Logger LOG = Logger.getLogger(TrainingBatchHandler.class);

    private final EquationValidator validator;
    private final TrainingBatches<ConsumerRecord<byte[], byte[]>> batches;
    private final TrainerListener listener;
    private final String instanceId;
    private final Duration pollTimeout;
    private final String topic = Topics.EQUATIONS.topicName();
    private final AtomicInteger revocations = new AtomicInteger();
    private volatile boolean training;

    TrainingBatchHandler(
            EquationValidator validator,
            TrainingBatches<ConsumerRecord<byte[], byte[]>> batches,
            TrainerListener listener,
            String instanceId,
            Duration pollTimeout) {
        this.validator = validator;
        this.batches = batches;
        this.listener = listener;
        this.instanceId = instanceId;
        this.pollTimeout = pollTimeout;
    }

    boolean isTraining() {
        return training;
    }

    /** Rebalances that took partitions away from this worker. */
    int revocations() {
        return revocations.get();
    }

    @Override
    public Duration pollTimeout() {
        return pollTimeout;
    }

    @Override
    public void onRecords(ConsumerRecords<byte[], byte[]> records, WorkerControl control) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            read(record);
        }
        if (batches.batchReady()) {
            trainBatch(control);
        } else if (batches.onlyRejectionsDone()) {
            commit(control);
        }
        listener.lag(control.lag());
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        EquationValidator.Outcome outcome = validator.validate(record.key(), record.value());
        if (outcome instanceof EquationValidator.Accepted accepted) {
            batches.accept(record.partition(), record.offset(), accepted.task());
            return;
        }
        String reason = ((EquationValidator.Rejected) outcome).reason();
        LOG.warnf(
                "equation at %s-%d@%d rejected to %s: %s",
                record.topic(), record.partition(), record.offset(), Topics.EQUATIONS.deadLetterTopicName(), reason);
        batches.reject(record, record.partition(), record.offset(), reason);
    }

    private void trainBatch(WorkerControl control) {
        training = true;
        control.pauseAll();
        TrainingBatches<ConsumerRecord<byte[], byte[]>>.Batch batch = batches.train();
        try {
            while (!batch.trained()) {
                pollPaused(control);
            }
        } finally {
            training = false;
        }
        if (!control.acknowledged(batch.publish(), "networks")) {
            batches.forgetAll(); // rewound: the batch is consumed again
            return;
        }
        batch.published();
        commit(control);
        control.resumeAll();
    }

    /** Paused: returns nothing, but keeps this member alive in the group however long training takes. */
    private static void pollPaused(WorkerControl control) {
        for (ConsumerRecord<byte[], byte[]> unexpected : control.poll()) {
            throw new IllegalStateException(
                    "record from a paused partition: " + unexpected.topic() + "-" + unexpected.partition());
        }
    }

    /** Commits what the engine says is done, once its dead letters are acknowledged. */
    private void commit(WorkerControl control) {
        TrainingBatches.Commit commit = batches.commit();
        if (!control.acknowledged(commit.acks(), "dead letters")) {
            batches.forgetAll(); // rewound: the rejected records are consumed, and dead-lettered, again
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        commit.offsets()
                .forEach((partition, next) ->
                        offsets.put(new TopicPartition(topic, partition), new OffsetAndMetadata(next)));
        control.commit(offsets);
    }

    @Override
    public void onRevoked(Collection<TopicPartition> partitions, WorkerControl control) {
        if (partitions.isEmpty()) {
            return;
        }
        revocations.incrementAndGet();
        if (!training) {
            // Not trained yet: the next owner consumes them again from the committed offset. Rejected records
            // among them may reach the dead-letter topic twice; an equation is never skipped.
            batches.forget(partitions.stream().map(TopicPartition::partition).toList());
        }
        LOG.infof("trainer %s: revoked %s", instanceId, partitions);
    }

    @Override
    public void onAssigned(Collection<TopicPartition> partitions, WorkerControl control) {
        if (training) {
            control.pause(partitions); // gained while a batch trains: it waits for the batch like the others
        }
        LOG.infof("trainer %s: assigned %s", instanceId, partitions);
    }

    @Override
    public void close() {
        batches.close();
    }
}

package io.weights2eq.trainer.inbound.kafka;

import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.dlq.DeadLetterPublisher;
import io.weights2eq.service.kafka.ConsumerWorker;
import io.weights2eq.service.kafka.WorkerLoop;
import io.weights2eq.trainer.engine.DeadLetters;
import io.weights2eq.trainer.engine.NetworkSink;
import io.weights2eq.trainer.engine.TrainerListener;
import io.weights2eq.trainer.engine.TrainingBatches;
import io.weights2eq.trainer.engine.WorkerSettings;
import io.weights2eq.trainer.outbound.kafka.NetworkPublisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One trainer worker: a member of the {@code trainers} consumer group.
 *
 * <p>It gathers a micro-batch, then pauses its partitions and trains the batch on another thread
 * while it keeps polling, so a batch that trains longer than {@code max.poll.interval.ms} never gets
 * the worker thrown out of the group. Networks are published, and only once the broker acknowledged
 * them (and every rejected record is in the dead-letter topic) are the offsets committed:
 * at-least-once, with results keyed by equation id so a re-trained equation replaces itself.
 * The decisions are the {@link TrainingBatches} engine's; a {@link ConsumerWorker} runs the consumer.
 */
public final class EquationConsumerLoop implements WorkerLoop {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String instanceId;
    private final TrainingBatchHandler handler;
    private final ConsumerWorker worker;

    public EquationConsumerLoop(
            Map<String, Object> kafkaConfig,
            WorkerSettings settings,
            NetworkTrainer trainer,
            NetworkPublisher publisher,
            DeadLetterPublisher deadLetters,
            TrainerListener listener) {
        this(
                kafkaConsumers(consumerConfig(kafkaConfig, settings)),
                settings,
                trainer,
                network -> publisher.publish(network, settings.instanceId()),
                (record, reason) -> deadLetters.send(Topics.EQUATIONS, record, reason),
                listener);
    }

    EquationConsumerLoop(
            Supplier<? extends Consumer<byte[], byte[]>> consumers,
            WorkerSettings settings,
            NetworkTrainer trainer,
            NetworkSink networks,
            DeadLetters<ConsumerRecord<byte[], byte[]>> deadLetters,
            TrainerListener listener) {
        this.instanceId = settings.instanceId();
        TrainingBatches<ConsumerRecord<byte[], byte[]>> batches =
                new TrainingBatches<>(settings, trainer, trainingThread(instanceId), networks, deadLetters, listener);
        this.handler = new TrainingBatchHandler(
                new EquationValidator(trainer, settings.trainingSeed(), settings.maxSamples()),
                batches,
                listener,
                instanceId,
                settings.pollTimeout());
        this.worker = new ConsumerWorker(
                "trainer-loop-" + instanceId, Topics.EQUATIONS.topicName(), consumers, handler, CLOSE_TIMEOUT);
    }

    public EquationConsumerLoop start() {
        worker.start();
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

    /** Raw bytes: the validator decodes them, so that poison reaches the dead-letter topic byte for byte. */
    private static Supplier<Consumer<byte[], byte[]>> kafkaConsumers(Map<String, Object> config) {
        return () -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static ExecutorService trainingThread(String instanceId) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "train-" + instanceId);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public ConsumerWorker worker() {
        return worker;
    }

    public boolean isTraining() {
        return handler.isTraining();
    }

    /** Number of rebalances that took partitions away from this worker. */
    public int revocations() {
        return handler.revocations();
    }

    public String instanceId() {
        return instanceId;
    }
}

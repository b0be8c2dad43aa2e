package io.weights2eq.decoder.inbound.kafka;

import io.weights2eq.decoder.engine.ContinuousTraining;
import io.weights2eq.decoder.inbound.RecordLimits;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.dlq.DeadLetterPublisher;
import io.weights2eq.service.kafka.ConsumerWorker;
import io.weights2eq.service.kafka.WorkerLoop;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

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
public final class ExampleConsumerLoop implements WorkerLoop {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60); // the last checkpoint is written on close

    /** How the loop consumes and alternates. */
    public record Settings(
            String groupId,
            String clientId,
            boolean rereadOnStart,
            Duration trainSlice,
            Duration pollTimeout,
            RecordLimits limits) {}

    private final TrainingHandler handler;
    private final ConsumerWorker worker;

    public ExampleConsumerLoop(
            Map<String, Object> kafkaConfig,
            Settings settings,
            Supplier<ContinuousTraining> engineFactory,
            DeadLetterPublisher deadLetters) {
        this(
                ByteConsumers.kafka(consumerConfig(kafkaConfig, settings)),
                settings,
                engineFactory,
                (record, reason) -> deadLetters.send(Topics.EXAMPLES, record, reason));
    }

    ExampleConsumerLoop(
            Supplier<? extends Consumer<byte[], byte[]>> consumers,
            Settings settings,
            Supplier<ContinuousTraining> engineFactory,
            TrainingHandler.DeadLetters deadLetters) {
        this.handler = new TrainingHandler(settings, engineFactory, deadLetters);
        this.worker =
                new ConsumerWorker("decoder-training", Topics.EXAMPLES.topicName(), consumers, handler, CLOSE_TIMEOUT);
    }

    public ExampleConsumerLoop start() {
        worker.start();
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

    /** True when the loop ended normally because the training time was over. */
    public boolean finished() {
        return handler.finished();
    }

    public Throwable failure() {
        return worker.failure();
    }

    @Override
    public ConsumerWorker worker() {
        return worker;
    }
}

package io.weights2eq.decoder.inbound.kafka;

import io.weights2eq.decoder.engine.DecodeEngine;
import io.weights2eq.decoder.engine.PredictionListener;
import io.weights2eq.decoder.engine.RequestServing;
import io.weights2eq.decoder.engine.ServingModel;
import io.weights2eq.decoder.outbound.kafka.PredictionPublisher;
import io.weights2eq.schema.dlq.DeadLetterPublisher;
import io.weights2eq.service.kafka.ConsumerWorker;
import io.weights2eq.service.kafka.WorkerLoop;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Serves a topic of networks: every record is decoded by the serving model and its prediction published to
 * {@code predictions}; the offsets of a poll are committed only once the broker acknowledged its predictions (and
 * dead letters). At-least-once; predictions are keyed, so a repeat replaces. A record that cannot be decoded goes
 * to the topic's dead-letter topic with the reason (or is skipped, see {@link RequestSource#deadLetters()}) and the
 * loop goes on. While no model is loaded the partitions are paused: requests wait, they are not rejected.
 */
public final class PredictionLoop implements WorkerLoop {
    private static final Logger LOG = Logger.getLogger(PredictionLoop.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final RequestSource source;
    private final RequestServing<ConsumerRecord<byte[], byte[]>> serving;
    private final ConsumerWorker worker;

    public PredictionLoop(
            Map<String, Object> kafkaConfig,
            String groupId,
            String clientId,
            RequestSource source,
            DecodeEngine engine,
            ServingModel model,
            PredictionPublisher publisher,
            DeadLetterPublisher deadLetters,
            Duration pollTimeout,
            PredictionListener listener) {
        this(
                ByteConsumers.kafka(consumerConfig(kafkaConfig, groupId, clientId)),
                source,
                engine,
                model,
                new PublishedAnswers(source, publisher, deadLetters),
                pollTimeout,
                listener);
    }

    PredictionLoop(
            Supplier<? extends Consumer<byte[], byte[]>> consumers,
            RequestSource source,
            DecodeEngine engine,
            ServingModel model,
            RequestServing.Answers<ConsumerRecord<byte[], byte[]>> answers,
            Duration pollTimeout,
            PredictionListener listener) {
        this.source = source;
        this.serving = new RequestServing<>(engine, source.source(), listener, answers);
        this.worker = new ConsumerWorker(
                "decoder-serve-" + source.topic().topicName(),
                source.topic().topicName(),
                consumers,
                new ServingHandler(source, serving, model, pollTimeout),
                CLOSE_TIMEOUT);
    }

    public PredictionLoop start() {
        worker.start();
        return this;
    }

    /** Every {@code kafka.*} setting (security included) plus what this loop needs of its consumer. */
    static Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig, String groupId, String clientId) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** Predictions to {@code predictions}; rejections to the topic's dead-letter topic, or only logged. */
    private record PublishedAnswers(
            RequestSource source, PredictionPublisher publisher, DeadLetterPublisher deadLetters)
            implements RequestServing.Answers<ConsumerRecord<byte[], byte[]>> {
        @Override
        public Future<?> prediction(String id, DecodeEngine.Result result) {
            return publisher.publish(id, result);
        }

        @Override
        public Future<?> rejection(ConsumerRecord<byte[], byte[]> record, String reason) {
            if (!source.deadLetters()) {
                LOG.debugf("%s-%d@%d not decoded: %s", record.topic(), record.partition(), record.offset(), reason);
                return null;
            }
            LOG.warnf(
                    "%s-%d@%d rejected to %s: %s",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    source.topic().deadLetterTopicName(),
                    reason);
            return deadLetters.send(source.topic(), record, reason);
        }
    }

    public String topic() {
        return source.topic().topicName();
    }

    public long predicted() {
        return serving.predicted();
    }

    public long rejected() {
        return serving.rejected();
    }

    @Override
    public ConsumerWorker worker() {
        return worker;
    }
}

package io.weights2eq.schema.dlq;

import io.weights2eq.schema.Producers;
import io.weights2eq.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a rejected record, byte for byte, to its topic's dead-letter topic with the reason and its
 * origin in headers. The caller commits the source offset only after the returned future completes.
 */
public final class DeadLetterPublisher implements AutoCloseable {
    private static final int MAX_REASON_CHARS = 2_000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String rejectedBy;

    public DeadLetterPublisher(Map<String, Object> kafkaConfig, String rejectedBy) {
        Map<String, Object> config = Producers.idempotent(kafkaConfig, rejectedBy + "-dlq");
        // An oversized poison record must still fit: allow up to the broker's default message size.
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576 + 65_536);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.rejectedBy = rejectedBy;
    }

    public Future<RecordMetadata> send(Topics source, ConsumerRecord<byte[], byte[]> rejected, String reason) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(source.deadLetterTopicName(), null, rejected.key(), rejected.value());
        for (Header header : rejected.headers()) {
            record.headers().add(header);
        }
        String shortReason = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
        record.headers()
                .add(DeadLetterHeaders.REASON, utf8(shortReason))
                .add(DeadLetterHeaders.SOURCE_TOPIC, utf8(rejected.topic()))
                .add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(rejected.partition())))
                .add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(rejected.offset())))
                .add(DeadLetterHeaders.REJECTED_BY, utf8(rejectedBy));
        return producer.send(record);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

package io.weights2eq.decoder.outbound.kafka;

import io.weights2eq.decoder.engine.DecodeEngine;
import io.weights2eq.records.PredictionRecords;
import io.weights2eq.schema.Producers;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.serde.AvroSerializer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Emits decoded equations to {@code predictions}: key = request id (or equation id), idempotent, acks=all. */
public final class PredictionPublisher implements AutoCloseable {
    private final KafkaProducer<String, Prediction> producer;
    private final String topic = Topics.PREDICTIONS.topicName();

    /** Every fit is written with the domain it was measured on ({@link DecodeEngine.Result#fitDomain()}). */
    public PredictionPublisher(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> config = Producers.idempotent(kafkaConfig, clientId);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(Prediction.class));
    }

    public Future<RecordMetadata> publish(String requestId, DecodeEngine.Result result) {
        return producer.send(new ProducerRecord<>(topic, requestId, toAvro(requestId, result)));
    }

    /** The record of a result; the mapping itself is {@link PredictionRecords}'s. */
    public Prediction toAvro(String requestId, DecodeEngine.Result result) {
        return PredictionRecords.toAvro(requestId, result.outcome(), result.latencyMillis(), result.fitDomain());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

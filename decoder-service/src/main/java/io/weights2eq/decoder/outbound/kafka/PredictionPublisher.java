package io.weights2eq.decoder.outbound.kafka;

import io.weights2eq.decoder.engine.DecodeEngine;
import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.schema.Producers;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Candidate;
import io.weights2eq.schema.avro.Fit;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.serde.AvroSerializer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
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

    public PredictionPublisher(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> config = Producers.idempotent(kafkaConfig, clientId);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(Prediction.class));
    }

    public Future<RecordMetadata> publish(String requestId, DecodeEngine.Result result) {
        return producer.send(new ProducerRecord<>(topic, requestId, toAvro(requestId, result)));
    }

    public static Prediction toAvro(String requestId, DecodeEngine.Result result) {
        DecodedEquation decoded = result.equation();
        return Prediction.newBuilder()
                .setRequestId(requestId)
                .setCanonicalText(decoded.canonicalText())
                .setCoefficients(decoded.coefficients().stream()
                        .map(BigDecimal::toPlainString)
                        .toList())
                .setTokenIds(Arrays.stream(decoded.tokenIds()).boxed().toList())
                .setMethod(decoded.method())
                .setFit(fit(result.fit()))
                .setRunnerUp(
                        result.runnerUp() == null
                                ? null
                                : Candidate.newBuilder()
                                        .setCanonicalText(
                                                result.runnerUp().polynomial().toCanonicalText())
                                        .setMethod(result.runnerUp().method())
                                        .setFit(fit(result.runnerUp().fit()))
                                        .build())
                .setModelVersion(decoded.modelVersion())
                .setLatencyMillis(result.latencyMillis())
                .build();
    }

    private static Fit fit(FunctionFit f) {
        return f == null
                ? null
                : Fit.newBuilder()
                        .setRSquared(f.rSquared())
                        .setMaxAbsError(f.maxAbsError())
                        .setXMin(-1)
                        .setXMax(1)
                        .build();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

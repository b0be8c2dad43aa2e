package io.weights2eq.trainer.outbound.kafka;

import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.records.NetworkRecords;
import io.weights2eq.schema.Producers;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Emits one record per trained network to {@code networks}, key = equation id (a retry replaces it), value from
 * {@link NetworkRecords#toAvro(TrainedNetwork, String)}: the same bytes when an equation is re-trained after a crash
 * or a rebalance; what differs per run (the wall time the batch took) travels in the header
 * {@value #TRAINING_MILLIS_HEADER}.
 */
public final class NetworkPublisher implements AutoCloseable {
    /** Header with the wall-clock milliseconds the network's batch took to train (decimal text). */
    public static final String TRAINING_MILLIS_HEADER = "w2e-training-millis";

    private final KafkaProducer<String, Network> producer;
    private final String topic = Topics.NETWORKS.topicName();

    public NetworkPublisher(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> config = Producers.idempotent(kafkaConfig, clientId);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(Network.class));
    }

    public Future<RecordMetadata> publish(TrainedNetwork trained, String instanceId) {
        ProducerRecord<String, Network> record =
                new ProducerRecord<>(topic, trained.equationId(), NetworkRecords.toAvro(trained, instanceId));
        record.headers()
                .add(
                        TRAINING_MILLIS_HEADER,
                        Long.toString(trained.trainingNanos() / 1_000_000).getBytes(StandardCharsets.UTF_8));
        return producer.send(record);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

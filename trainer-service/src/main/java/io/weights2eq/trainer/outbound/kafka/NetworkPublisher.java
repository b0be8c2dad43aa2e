package io.weights2eq.trainer.outbound.kafka;

import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.NetworkParameters;
import io.weights2eq.schema.serde.AvroSerializer;
import io.weights2eq.schema.serde.FloatArrayList;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Emits one record per trained network to {@code networks}, key = equation id (a retry replaces it). The value is
 * a function of the equation, the training configuration and the configured instance id only, so an equation
 * re-trained after a crash or a rebalance is written again with the same bytes; what differs per run (the wall
 * time the batch took) travels in the header {@value #TRAINING_MILLIS_HEADER}, and {@code trainingMillis} is 0.
 */
public final class NetworkPublisher implements AutoCloseable {
    /** Header with the wall-clock milliseconds the network's batch took to train (decimal text). */
    public static final String TRAINING_MILLIS_HEADER = "w2e-training-millis";

    private final KafkaProducer<String, Network> producer;
    private final String topic = Topics.NETWORKS.topicName();

    public NetworkPublisher(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(Network.class));
    }

    public Future<RecordMetadata> publish(TrainedNetwork trained, String instanceId) {
        ProducerRecord<String, Network> record = new ProducerRecord<>(topic, trained.equationId(), toAvro(trained, instanceId));
        record.headers().add(TRAINING_MILLIS_HEADER,
                Long.toString(trained.trainingNanos() / 1_000_000).getBytes(StandardCharsets.UTF_8));
        return producer.send(record);
    }

    static Network toAvro(TrainedNetwork t, String instanceId) {
        NetworkParameters parameters = NetworkParameters.newBuilder()
                .setLayers(Arrays.stream(t.network().layout().sizes()).boxed().toList())
                .setActivation(t.network().activation().label())
                .setParameters(FloatArrayList.wrap(t.network().parameters()))
                .setCanonical(false)
                .build();
        return Network.newBuilder()
                .setEquationId(t.equationId())
                .setNetwork(parameters)
                .setTrainMse(t.trainMse())
                .setValidationMse(t.validationMse())
                .setRelativeValidationMse(t.relativeValidationMse())
                .setSteps(t.steps())
                .setAttempts(t.attempts())
                .setConverged(t.converged())
                .setTrainingSeed(t.trainingSeed())
                .setTrainerInstance(instanceId)
                .setTrainingMillis(0) // wall time is not a property of the network: see the header
                .build();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

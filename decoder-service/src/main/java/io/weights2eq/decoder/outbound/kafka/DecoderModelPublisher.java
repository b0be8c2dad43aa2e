package io.weights2eq.decoder.outbound.kafka;

import io.weights2eq.decoder.engine.ModelAnnouncement;
import io.weights2eq.decoder.engine.ModelAnnouncer;
import io.weights2eq.schema.Producers;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecoderModel;
import io.weights2eq.schema.serde.AvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Announces every checkpoint on the compacted {@code decoder-models} topic, key = model name (the latest wins). */
public final class DecoderModelPublisher implements ModelAnnouncer, AutoCloseable {
    private final KafkaProducer<String, DecoderModel> producer;

    public DecoderModelPublisher(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> config = Producers.idempotent(kafkaConfig, clientId);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(DecoderModel.class));
    }

    @Override
    public Future<?> announce(ModelAnnouncement a) {
        DecoderModel record = DecoderModel.newBuilder()
                .setVersion(a.version())
                .setStep(a.step())
                .setCheckpointPath(a.checkpointPath())
                .setMetrics(new HashMap<>(a.metrics()))
                .setCreatedAtMillis(a.createdAtMillis())
                .build();
        return producer.send(new ProducerRecord<>(Topics.DECODER_MODELS.topicName(), a.modelName(), record));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

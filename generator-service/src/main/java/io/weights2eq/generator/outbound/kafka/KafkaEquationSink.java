package io.weights2eq.generator.outbound.kafka;

import io.weights2eq.generator.engine.EquationMessage;
import io.weights2eq.generator.engine.EquationSink;
import io.weights2eq.records.EquationRecords;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.AvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes equations to the {@code equations} topic: idempotent producer, acks=all. send() blocks
 * while the producer's buffer is full, which is the generator's backpressure; a send that times out
 * waiting for buffer space is tried again, never dropped.
 */
public final class KafkaEquationSink implements EquationSink {
    private static final Logger LOG = Logger.getLogger(KafkaEquationSink.class);

    private final KafkaProducer<String, Equation> producer;
    private final String topic = Topics.EQUATIONS.topicName();

    public KafkaEquationSink(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "generator-equations");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(Equation.class));
    }

    @Override
    public void publish(EquationMessage message, Consumer<Throwable> onAck) throws InterruptedException {
        ProducerRecord<String, Equation> record = new ProducerRecord<>(
                topic,
                message.key(),
                EquationRecords.toAvro(
                        message.key(),
                        message.jobId(),
                        message.index(),
                        message.seed(),
                        message.family(),
                        message.samples(),
                        message.equation()));
        while (true) {
            try {
                producer.send(record, (metadata, error) -> onAck.accept(error));
                return;
            } catch (TimeoutException e) {
                LOG.warnf(
                        "no buffer space for %s after max.block.ms (broker unreachable?); trying again", message.key());
            } catch (InterruptException e) {
                throw new InterruptedException("interrupted while sending " + message.key());
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}

package io.weights2eq.generator.outbound.kafka;

import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.generator.engine.JobSnapshot;
import io.weights2eq.generator.engine.JobSpec;
import io.weights2eq.generator.engine.JobState;
import io.weights2eq.generator.engine.JobStore;
import io.weights2eq.records.DomainRecords;
import io.weights2eq.records.EquationRecords;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.GeneratorJob;
import io.weights2eq.schema.serde.AvroDeserializer;
import io.weights2eq.schema.serde.AvroSerializer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/** Job state in the compacted {@code generator-jobs} topic, key = job id, latest value wins. */
public final class KafkaJobStore implements JobStore {
    private static final Logger LOG = Logger.getLogger(KafkaJobStore.class);

    private final Map<String, Object> kafkaConfig;
    private final KafkaProducer<String, GeneratorJob> producer;
    private final String topic = Topics.GENERATOR_JOBS.topicName();

    public KafkaJobStore(Map<String, Object> kafkaConfig) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "generator-jobs");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(GeneratorJob.class));
    }

    @Override
    public void save(JobSnapshot s) {
        producer.send(new ProducerRecord<>(topic, s.id(), toAvro(s)), (metadata, error) -> {
            if (error != null) {
                LOG.warnf("job state of %s not saved: %s (the next save will carry it)", s.id(), error.toString());
            }
        });
    }

    @Override
    public Collection<JobSnapshot> loadAll() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "generator-jobs-restore");
        Map<String, JobSnapshot> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                config, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            AvroDeserializer<GeneratorJob> decoder = new AvroDeserializer<>(GeneratorJob.class);
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                        continue;
                    }
                    try {
                        latest.put(record.key(), fromAvro(decoder.deserialize(topic, record.value())));
                    } catch (SerializationException e) {
                        LOG.errorf(
                                "skipping undecodable job state %s at offset %d: %s",
                                record.key(), record.offset(), e.getMessage());
                    }
                }
            }
        }
        return latest.values();
    }

    private static GeneratorJob toAvro(JobSnapshot s) {
        return GeneratorJob.newBuilder()
                .setId(s.id())
                .setCount(s.spec().count())
                .setSeed(s.spec().seed())
                .setFamily(EquationRecords.toAvro(s.spec().family()))
                .setSamplesPerEquation(s.spec().samples().count())
                .setXMin(s.spec().samples().xMin())
                .setXMax(s.spec().samples().xMax())
                .setDomain(
                        s.spec().samples().domain() == null
                                ? List.of()
                                : DomainRecords.toAvro(s.spec().samples().domain()))
                .setRatePerSecond(s.spec().ratePerSecond())
                .setState(s.state().name())
                .setAcknowledgedWatermark(s.acknowledgedWatermark())
                .setAcknowledged(s.acknowledged())
                .setSampleBytesAcknowledged(s.sampleBytesAcknowledged())
                .setError(s.error())
                .setCreatedAtMillis(s.createdAtMillis())
                .setUpdatedAtMillis(s.updatedAtMillis())
                .build();
    }

    private static JobSnapshot fromAvro(GeneratorJob j) {
        JobSpec spec = new JobSpec(
                j.getCount(),
                j.getSeed(),
                EquationRecords.toDomain(j.getFamily()),
                j.getDomain().isEmpty()
                        ? new SampleSpec(j.getSamplesPerEquation(), j.getXMin(), j.getXMax())
                        : SampleSpec.of(j.getSamplesPerEquation(), DomainRecords.toDomain(j.getDomain(), null)),
                j.getRatePerSecond());
        return new JobSnapshot(
                j.getId(),
                spec,
                JobState.valueOf(j.getState()),
                j.getAcknowledgedWatermark(),
                j.getAcknowledged(),
                j.getSampleBytesAcknowledged(),
                j.getError(),
                j.getCreatedAtMillis(),
                j.getUpdatedAtMillis());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

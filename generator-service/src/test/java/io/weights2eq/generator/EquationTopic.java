package io.weights2eq.generator;

import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.AvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the whole equations topic; every value must decode (a failure throws). */
final class EquationTopic {
    record Contents(long records, Map<String, Equation> byKey, long duplicatesWithOtherBytes) {}

    private EquationTopic() {}

    private static KafkaConsumer<byte[], byte[]> offsets;
    private static String offsetsBootstrap;

    /** The sum of the topic's end offsets: grows by one with every record written to it. One consumer, kept. */
    static synchronized long endOffset(String bootstrap, String topic) {
        if (offsets == null || !bootstrap.equals(offsetsBootstrap)) {
            if (offsets != null) {
                offsets.close();
            }
            Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            offsets = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            offsetsBootstrap = bootstrap;
        }
        List<TopicPartition> partitions = offsets.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        return offsets.endOffsets(partitions).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    static Contents readAll(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        AvroDeserializer<Equation> decoder = new AvroDeserializer<>(Equation.class);
        Map<String, Equation> byKey = new HashMap<>();
        long records = 0;
        long differing = 0;
        Map<String, byte[]> bytesByKey = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EQUATIONS.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    byte[] earlier = bytesByKey.put(r.key(), r.value());
                    if (earlier != null && !java.util.Arrays.equals(earlier, r.value())) {
                        differing++;
                    }
                    byKey.put(r.key(), decoder.deserialize(r.topic(), r.value()));
                }
            }
        }
        return new Contents(records, byKey, differing);
    }
}

package io.weights2eq.cli;

import io.weights2eq.schema.KafkaClientSettings;
import io.weights2eq.schema.serde.RecordDecodingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic once, from the beginning to the end offsets seen at the start, without a group. */
final class TopicScan {

    private TopicScan() {}

    static Map<String, Object> consumerConfig(String bootstrap, String clientId) {
        Map<String, Object> config = new HashMap<>(KafkaClientSettings.fromEnvironment());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        return config;
    }

    static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
    }

    /**
     * Hands every record to {@code handler}; a record it rejects with a {@link RecordDecodingException} or an
     * {@link IllegalArgumentException} is counted, not fatal. Returns the count of rejected records.
     */
    static long readAll(
            String bootstrap, String clientId, String topic, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        long rejected = 0;
        try (var consumer = new KafkaConsumer<>(
                consumerConfig(bootstrap, clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        handler.accept(r);
                    } catch (RecordDecodingException | IllegalArgumentException e) {
                        rejected++;
                    }
                }
            }
        }
        return rejected;
    }
}

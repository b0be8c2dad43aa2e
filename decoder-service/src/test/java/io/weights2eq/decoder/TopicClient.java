package io.weights2eq.decoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends raw records and reads topics back, for the service tests. */
public final class TopicClient {
    private TopicClient() {}

    public static void send(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                4 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                acks.add(producer.send(r));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    public static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key == null ? null : key.getBytes(), value);
    }

    /** Every record of a topic, from the beginning to the end offsets at the time of the call. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> offsets;
    private static String offsetsBootstrap;

    /** The sum of the topic's end offsets: grows by one with every record written to it. One consumer, kept. */
    public static synchronized long endOffset(String bootstrap, String topic) {
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

    /** Waits until {@code count} records of the topic match, and returns those. */
    public static List<ConsumerRecord<byte[], byte[]>> await(
            String bootstrap,
            String topic,
            int count,
            Predicate<ConsumerRecord<byte[], byte[]>> filter,
            Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> matching = List.of();
        while (System.nanoTime() < deadline) {
            matching = readAll(bootstrap, topic).stream().filter(filter).toList();
            if (matching.size() >= count) {
                return matching;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "expected " + count + " records on " + topic + " within " + timeout + ", found " + matching.size());
    }

    public static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key());
    }
}

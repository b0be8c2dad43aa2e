package io.weights2eq.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of one topic, read from the beginning to the end offsets of the moment of reading (no consumer
 * group, nothing committed): what a fault test counts to prove that nothing was lost.
 */
public final class TopicContents {
    private final List<ConsumerRecord<String, byte[]>> records;

    private TopicContents(List<ConsumerRecord<String, byte[]>> records) {
        this.records = records;
    }

    /** Reads {@code topic} whole; {@code clientProperties} adds settings such as security. */
    public static TopicContents read(String bootstrap, String topic, Map<String, String> clientProperties) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.putAll(clientProperties);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            end.entrySet().removeIf(e -> e.getValue() == 0);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(r);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return new TopicContents(out);
    }

    public static TopicContents read(String bootstrap, String topic) {
        return read(bootstrap, topic, Map.of());
    }

    public List<ConsumerRecord<String, byte[]>> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    /** The value of the last record of each key (what compaction keeps). */
    public Map<String, byte[]> latestByKey() {
        Map<String, byte[]> latest = new HashMap<>();
        records.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    public int distinctKeys() {
        return latestByKey().size();
    }

    /** Keys written more than once with other bytes: a retried record must be identical. */
    public List<String> keysWithDifferingDuplicates() {
        Map<String, byte[]> first = new HashMap<>();
        List<String> differing = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            byte[] seen = first.putIfAbsent(r.key(), r.value());
            if (seen != null && !Arrays.equals(seen, r.value()) && !differing.contains(r.key())) {
                differing.add(r.key());
            }
        }
        return differing;
    }

    /** The value of header {@code name} of every record (null where absent). */
    public List<String> header(String name) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            var h = r.headers().lastHeader(name);
            values.add(h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }
}

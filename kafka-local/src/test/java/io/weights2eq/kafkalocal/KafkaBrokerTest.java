package io.weights2eq.kafkalocal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.schema.TopicProvisioner;
import io.weights2eq.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** One real broker for the class; the restart test runs last. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaBrokerTest {
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.builder().build().start();
        System.out.println("broker started in " + broker.lastStartDuration().toMillis() + " ms: " + broker);
    }

    @AfterAll
    static void closeBroker() {
        if (broker != null) {
            Path dir = broker.logDir();
            broker.close();
            assertFalse(Files.exists(dir), "the temporary log dir is deleted on close");
        }
    }

    @Test
    @Order(1)
    void everyTopicExistsWithTheConfiguredPartitionsAndCleanupPolicy() throws Exception {
        assertTrue(broker.isRunning());
        assertTrue(broker.port() > 0 && broker.controllerPort() > 0 && broker.port() != broker.controllerPort());
        assertEquals("localhost:" + broker.port(), broker.bootstrapServers());
        try (Admin admin = broker.createAdmin()) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertTrue(names.containsAll(Topics.allNames()), "missing topics: " + names);
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(Topics.allNames()).allTopicNames().get(10, TimeUnit.SECONDS);
            for (TopicDescription d : descriptions.values()) {
                assertEquals(TopicProvisioner.DEFAULT_PARTITIONS, d.partitions().size(), d.name());
            }
            List<ConfigResource> resources = Topics.allNames().stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .toList();
            var configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
            for (Topics t : Topics.values()) {
                String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.topicName()))
                        .get("cleanup.policy")
                        .value();
                assertEquals(t.compacted() ? "compact" : "delete", policy, t.topicName());
                String dlqPolicy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.deadLetterTopicName()))
                        .get("cleanup.policy")
                        .value();
                assertEquals("delete", dlqPolicy, t.deadLetterTopicName());
            }
        }
    }

    @Test
    @Order(2)
    void aRecordMakesTheRoundTrip() throws Exception {
        String topic = Topics.DECODE_REQUESTS.topicName();
        String key = "round-trip-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(broker, 10_000)) {
            producer.send(new ProducerRecord<>(topic, key, "hello")).get(10, TimeUnit.SECONDS);
        }
        assertEquals("hello", readValue(broker, topic, key));
    }

    @Test
    @Order(3)
    void topicsAreNotCreatedAutomatically() throws Exception {
        String unknown = "no-such-topic-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(broker, 1500)) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(unknown, "k", "v")).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException, e.toString());
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
        try (Admin admin = broker.createAdmin()) {
            assertFalse(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(unknown));
        }
    }

    @Test
    @Order(4)
    void startingAgainIsHarmlessAndCreatesNoTopics() {
        assertTrue(broker.start().isRunning());
    }

    @Test
    @Order(10)
    void stopAndStartKeepPortsLogDirAndRecords() throws Exception {
        String topic = Topics.EQUATIONS.topicName() + Topics.DLQ_SUFFIX;
        String key = "survives-restart-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(broker, 10_000)) {
            producer.send(new ProducerRecord<>(topic, key, "kept")).get(10, TimeUnit.SECONDS);
        }
        String bootstrap = broker.bootstrapServers();
        Path logDir = broker.logDir();
        String clusterId = broker.clusterId();

        broker.stop();
        assertFalse(broker.isRunning());
        assertTrue(Files.isDirectory(logDir), "stop keeps the log dir");

        broker.start();
        System.out.println("broker restarted in " + broker.lastStartDuration().toMillis() + " ms");
        assertTrue(broker.isRunning());
        assertEquals(bootstrap, broker.bootstrapServers());
        assertEquals(clusterId, broker.clusterId());
        assertEquals(List.of(), broker.createdTopics(), "topics survived the restart");
        assertEquals("kept", readValue(broker, topic, key));
    }

    @Test
    @Order(11)
    void aGivenLogDirIsKeptOnClose() throws Exception {
        Path dir = Files.createTempDirectory("w2e-kept-");
        try {
            KafkaBroker kept = KafkaBroker.builder().logDir(dir).partitions(2).build();
            assertNotNull(kept.brokerProperties().getProperty("log.dirs"));
            kept.close(); // never started: nothing to stop, directory stays
            assertTrue(Files.isDirectory(dir));
            assertThrows(IllegalStateException.class, kept::start);
        } finally {
            KafkaBroker.deleteRecursively(dir);
        }
    }

    static KafkaProducer<String, String> producer(KafkaBroker broker, int maxBlockMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(maxBlockMs));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Reads the topic from the start and returns the last value of the key (null if absent). */
    static String readValue(KafkaBroker broker, String topic, String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            String value = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertTrue(System.nanoTime() < deadline, "did not reach the end of " + topic);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        value = r.value();
                    }
                }
            }
            return value;
        }
    }
}

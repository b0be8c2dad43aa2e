package io.weights2eq.kafkalocal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.schema.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One SASL/SCRAM-SHA-512 broker for the class: the right users get in, the rest are refused. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaBrokerSaslTest {
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.builder()
                .saslScram("admin", "admin-secret")
                .scramUser("alice", "alice-secret")
                .partitions(2)
                .build()
                .start();
        System.out.println(
                "SASL broker started in " + broker.lastStartDuration().toMillis() + " ms: " + broker);
    }

    @AfterAll
    static void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theClientListenerAsksForScramAndTheControllerStaysPlaintext() {
        Properties p = broker.brokerProperties();
        assertEquals(
                "SASL_PLAINTEXT://localhost:" + broker.port() + ",CONTROLLER://localhost:" + broker.controllerPort(),
                p.getProperty("listeners"));
        assertEquals(
                "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT", p.getProperty("listener.security.protocol.map"));
        assertEquals("SASL_PLAINTEXT", p.getProperty("inter.broker.listener.name"));
        assertEquals(
                Map.of(
                        "security.protocol",
                        "SASL_PLAINTEXT",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"admin\" password=\"admin-secret\";"),
                broker.clientProperties());
        // the broker's own Admin authenticated: start() created the topics through it
        assertTrue(
                broker.createdTopics().containsAll(Topics.allNames()),
                broker.createdTopics().toString());
    }

    @Test
    void aUserWithTheRightPasswordProducesAndConsumes() throws Exception {
        Map<String, String> alice = broker.clientProperties("alice");
        String topic = Topics.DECODE_REQUESTS.topicName();
        String key = "sasl-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(alice, 10_000)) {
            producer.send(new ProducerRecord<>(topic, key, "over SCRAM")).get(10, TimeUnit.SECONDS);
        }
        assertEquals("over SCRAM", readValue(alice, topic, key));
    }

    @Test
    void aWrongPasswordIsRefusedWithAnAuthenticationError() {
        Map<String, String> wrong = KafkaBroker.scramClientProperties("alice", "not-her-password");
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(wrong, 10_000)) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.DECODE_REQUESTS.topicName(), "k", "v"))
                            .get(15, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
        }
        Map<String, Object> adminConfig = new java.util.HashMap<>(wrong);
        adminConfig.put("bootstrap.servers", broker.bootstrapServers());
        adminConfig.put("request.timeout.ms", 5_000);
        adminConfig.put("default.api.timeout.ms", 10_000);
        try (Admin admin = Admin.create(adminConfig)) {
            ExecutionException e = assertThrows(
                    ExecutionException.class, () -> admin.listTopics().names().get(15, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "refused quickly");
    }

    @Test
    void aPlaintextClientGetsNoMetadataAndTimesOut() {
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(Map.of(), 2_000)) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.DECODE_REQUESTS.topicName(), "k", "v"))
                            .get(10, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, e.getCause(), e.toString());
        }
        try (KafkaConsumer<String, String> consumer = consumer(Map.of())) {
            assertThrows(
                    org.apache.kafka.common.errors.TimeoutException.class,
                    () -> consumer.partitionsFor(Topics.DECODE_REQUESTS.topicName(), Duration.ofSeconds(2)));
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(15), "bounded by the client timeouts");
    }

    @Test
    void badCredentialsAreRejectedAtBuildTimeNamingTheField() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> KafkaBroker.builder().saslScram("ad min", "x"));
        assertTrue(e.getMessage().contains("admin user name"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> KafkaBroker.builder().saslScram("admin", "has\"quote"));
        assertTrue(
                e.getMessage().contains("password of SCRAM user admin")
                        && !e.getMessage().contains("quote"),
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> KafkaBroker.builder().scramUser("bob", "pw"));
    }

    @Test
    void brokerMainTurnsSaslOnWithScramUsers() {
        BrokerMain.Options o = BrokerMain.Options.parse(new String[] {
            "--port", "0", "--controller-port", "0", "--scram-user", "admin=pw-1", "--scram-user", "alice=pw-2"
        });
        KafkaBroker configured = o.builder().build();
        try {
            assertTrue(configured.saslEnabled());
            assertTrue(configured.clientProperties().get("sasl.jaas.config").contains("username=\"admin\""));
            assertTrue(
                    configured.clientProperties("alice").get("sasl.jaas.config").contains("password=\"pw-2\""));
        } finally {
            configured.close(); // never started
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> BrokerMain.Options.parse(new String[] {"--scram-user", "admin"}));
        assertTrue(e.getMessage().contains("--scram-user wants NAME=PASSWORD"), e.getMessage());
    }

    static KafkaProducer<String, String> producer(Map<String, String> client, int maxBlockMs) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(maxBlockMs));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(Map<String, String> client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    static String readValue(Map<String, String> client, String topic, String key) {
        try (KafkaConsumer<String, String> consumer = consumer(client)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
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

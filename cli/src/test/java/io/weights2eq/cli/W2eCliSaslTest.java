package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.KafkaClientSettings;
import io.weights2eq.schema.Topics;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The CLI against a SASL/SCRAM broker: its clients take their security settings from W2E_KAFKA_CONFIG. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class W2eCliSaslTest {
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.builder()
                .saslScram("admin", "admin-secret")
                .scramUser("alice", "alice-secret")
                .partitions(2)
                .build()
                .start();
    }

    @AfterAll
    static void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theCliTakesItsSecuritySettingsFromTheKafkaConfigFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("w2e-client-", ".properties");
        try {
            Properties p = new Properties();
            p.putAll(broker.clientProperties("alice"));
            try (var out = java.nio.file.Files.newOutputStream(file)) {
                p.store(out, "SASL client settings");
            }
            System.setProperty(KafkaClientSettings.PROPERTY, file.toString());
            String[] topics = {"topics", "--bootstrap", broker.bootstrapServers(), "--timeout-s", "10"};
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            int rc = W2eCli.run(topics, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
            assertEquals(0, rc, "with the settings file: " + err);
            assertTrue(out.toString().contains(Topics.EXAMPLES.topicName()), out.toString());

            System.clearProperty(KafkaClientSettings.PROPERTY);
            err.reset();
            topics[topics.length - 1] = "2";
            rc = W2eCli.run(
                    topics,
                    new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                    new java.io.PrintStream(err, true));
            assertEquals(2, rc, "without it the broker is unreachable: " + err);
        } finally {
            System.clearProperty(KafkaClientSettings.PROPERTY);
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}

package io.weights2eq.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.kafkalocal.KafkaBroker;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The resource's lifecycle outside Quarkus, on the class path a service test sees (JBoss log manager, no
 * log4j-core): start, config, static access, stop/start, close.
 */
class KafkaBrokerTestResourceTest {
    @Test
    void startsABrokerAndHandsOutItsBootstrapServers() throws Exception {
        assertFalse(classPresent("org.apache.logging.log4j.core.LoggerContext"), "log4j-core must be excluded");
        KafkaBrokerTestResource resource = new KafkaBrokerTestResource();
        resource.init(Map.of(KafkaBrokerTestResource.PARTITIONS, "2", "broker.log.retention.ms", "600000"));
        Map<String, String> config = resource.start();
        try {
            KafkaBroker broker = KafkaBrokerTestResource.broker();
            assertEquals(broker.bootstrapServers(), config.get("kafka.bootstrap.servers"));
            assertEquals("2", broker.brokerProperties().getProperty("num.partitions"));
            assertEquals("600000", broker.brokerProperties().getProperty("log.retention.ms"));
            try (Admin admin = broker.createAdmin()) {
                assertEquals(
                        2,
                        admin.describeTopics(java.util.List.of("equations"))
                                .allTopicNames()
                                .get(10, TimeUnit.SECONDS)
                                .get("equations")
                                .partitions()
                                .size());
            }
            broker.stop();
            broker.start();
            assertEquals(config.get("kafka.bootstrap.servers"), KafkaBrokerTestResource.bootstrapServers());
        } finally {
            resource.stop();
        }
        assertThrows(IllegalStateException.class, KafkaBrokerTestResource::broker);
        assertThrows(IllegalArgumentException.class, () -> new KafkaBrokerTestResource().init(Map.of("nonsense", "1")));
        assertTrue(true);
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, KafkaBrokerTestResourceTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

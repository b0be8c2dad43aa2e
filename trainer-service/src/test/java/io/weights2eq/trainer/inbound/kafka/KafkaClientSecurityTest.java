package io.weights2eq.trainer.inbound.kafka;

import static io.weights2eq.testsupport.ClientConfigCapture.configOf;
import static io.weights2eq.testsupport.ClientConfigCapture.securedConfig;
import static io.weights2eq.testsupport.ClientConfigCapture.securityNotPassedThrough;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.schema.dlq.DeadLetterPublisher;
import io.weights2eq.trainer.engine.WorkerSettings;
import io.weights2eq.trainer.outbound.kafka.NetworkPublisher;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trainer's Kafka clients are created with every {@code kafka.*} setting, security included. */
class KafkaClientSecurityTest {
    @Test
    void theEquationConsumerConfigKeepsTheSecuritySettings() {
        WorkerSettings settings =
                new WorkerSettings("trainers", "sec-1", 64, Duration.ofMillis(300), Duration.ofMillis(100), 1, 50_000);
        Map<String, Object> config = EquationConsumerLoop.consumerConfig(securedConfig(), settings);
        assertEquals(Map.of(), securityNotPassedThrough(config));
        assertEquals("trainers", config.get("group.id"));
    }

    @Test
    void theNetworkProducerCarriesTheSecuritySettings() {
        NetworkPublisher publisher = new NetworkPublisher(securedConfig(), "sec-networks");
        try {
            assertEquals(Map.of(), securityNotPassedThrough(configOf("sec-networks")));
        } finally {
            publisher.close();
        }
    }

    @Test
    void theDeadLetterProducerCarriesTheSecuritySettings() {
        DeadLetterPublisher publisher = new DeadLetterPublisher(securedConfig(), "sec-trainer");
        try {
            assertEquals(Map.of(), securityNotPassedThrough(configOf("sec-trainer-dlq")));
        } finally {
            publisher.close();
        }
    }
}

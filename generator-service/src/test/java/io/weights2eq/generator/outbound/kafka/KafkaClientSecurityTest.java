package io.weights2eq.generator.outbound.kafka;

import static io.weights2eq.testsupport.ClientConfigCapture.configOf;
import static io.weights2eq.testsupport.ClientConfigCapture.securedConfig;
import static io.weights2eq.testsupport.ClientConfigCapture.securityNotPassedThrough;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.service.health.KafkaBrokerCheck;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generator's Kafka clients are created with every {@code kafka.*} setting, security included: the real
 * clients are built (no broker needed) and the configuration they were given is read back.
 */
class KafkaClientSecurityTest {
    @Test
    void theEquationProducerCarriesTheSecuritySettings() {
        KafkaEquationSink sink = new KafkaEquationSink(securedConfig(Map.of("client.id", "sec-equations")));
        try {
            assertEquals(Map.of(), securityNotPassedThrough(configOf("sec-equations")));
        } finally {
            sink.close();
        }
    }

    @Test
    void theJobStateProducerCarriesTheSecuritySettings() {
        KafkaJobStore store = new KafkaJobStore(securedConfig(Map.of("client.id", "sec-jobs")));
        try {
            assertEquals(Map.of(), securityNotPassedThrough(configOf("sec-jobs")));
        } finally {
            store.close();
        }
    }

    @Test
    void theReadinessCheckAdminCarriesTheSecuritySettings() {
        KafkaBrokerCheck check = new KafkaBrokerCheck(securedConfig(), Duration.ofMillis(100), "sec-generator");
        try {
            assertEquals(Map.of(), securityNotPassedThrough(configOf("sec-generator-health")));
        } finally {
            check.close();
        }
    }
}

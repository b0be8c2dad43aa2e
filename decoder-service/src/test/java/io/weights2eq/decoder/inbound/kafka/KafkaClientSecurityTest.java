package io.weights2eq.decoder.inbound.kafka;

import static io.weights2eq.testsupport.ClientConfigCapture.configOf;
import static io.weights2eq.testsupport.ClientConfigCapture.securedConfig;
import static io.weights2eq.testsupport.ClientConfigCapture.securityNotPassedThrough;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.decoder.outbound.kafka.DecoderModelPublisher;
import io.weights2eq.decoder.outbound.kafka.KafkaStageOffsets;
import io.weights2eq.decoder.outbound.kafka.PredictionPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decoder's own Kafka clients are created with every {@code kafka.*} setting, security included (its Kafka
 * Streams app: DecoderServiceTest#kafkaStreamsInheritsTheKafkaSecuritySettings).
 */
class KafkaClientSecurityTest {
    @Test
    void theServingAndTrainingConsumerConfigsKeepTheSecuritySettings() {
        Map<String, Object> serving = PredictionLoop.consumerConfig(securedConfig(), "decoder-serving", "sec-requests");
        assertEquals(Map.of(), securityNotPassedThrough(serving));
        assertEquals("decoder-serving", serving.get("group.id"));
        Map<String, Object> training = ExampleConsumerLoop.consumerConfig(
                securedConfig(),
                new ExampleConsumerLoop.Settings(
                        "decoder-trainer",
                        "sec-training",
                        false,
                        Duration.ofSeconds(1),
                        Duration.ofMillis(100),
                        io.weights2eq.decoder.inbound.RecordLimits.DEFAULTS));
        assertEquals(Map.of(), securityNotPassedThrough(training));
        assertEquals("decoder-trainer", training.get("group.id"));
    }

    @Test
    void thePredictionAndModelProducersCarryTheSecuritySettings() {
        PredictionPublisher predictions = new PredictionPublisher(securedConfig(), "sec-predictions");
        DecoderModelPublisher models = new DecoderModelPublisher(securedConfig(), "sec-models");
        try {
            assertEquals(Map.of(), securityNotPassedThrough(configOf("sec-predictions")));
            assertEquals(Map.of(), securityNotPassedThrough(configOf("sec-models")));
        } finally {
            predictions.close();
            models.close();
        }
    }

    @Test
    void theDashboardsAdminClientCarriesTheSecuritySettings() {
        KafkaStageOffsets offsets = new KafkaStageOffsets(
                securedConfig(),
                "sec-dashboard",
                List.of("equations"),
                List.of(new KafkaStageOffsets.Followed("trainers", "equations")),
                Duration.ofSeconds(1),
                System::currentTimeMillis);
        try {
            assertEquals(Map.of(), securityNotPassedThrough(configOf("sec-dashboard")));
            assertEquals(1000, configOf("sec-dashboard").get("request.timeout.ms"), "its own bound on each call");
        } finally {
            offsets.close();
        }
    }
}

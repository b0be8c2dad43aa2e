package io.weights2eq.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducersTest {
    @Test
    void everyProducerWaitsForAllReplicasAndIsIdempotentWhateverTheClientSaid() {
        Map<String, Object> client = Map.of(ProducerConfig.ACKS_CONFIG, "1", "bootstrap.servers", "b:9092");
        Map<String, Object> config = Producers.idempotent(client, "trainer-a");
        assertEquals("all", config.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(true, config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("trainer-a", config.get(ProducerConfig.CLIENT_ID_CONFIG));
        assertEquals("b:9092", config.get("bootstrap.servers"));
        assertEquals("1", client.get(ProducerConfig.ACKS_CONFIG)); // the caller's map is left alone
    }
}

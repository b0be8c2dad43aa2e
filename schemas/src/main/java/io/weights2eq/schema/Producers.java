package io.weights2eq.schema;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The delivery every producer of the contract uses: acks from all in-sync replicas, idempotent (no duplicates on retry). */
public final class Producers {
    private Producers() {}

    /** A copy of the client configuration with those settings and the client id; callers add their own tuning. */
    public static Map<String, Object> idempotent(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}

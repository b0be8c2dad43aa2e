package io.weights2eq.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * Records the configuration a real Kafka client (producer, consumer, Admin) was created with: every client
 * configures its metric reporters with all the settings it was given. A test adds {@link #SETTINGS} and the
 * security settings of {@link #SECURITY} to a service's {@code kafka.*} map, builds the service's client
 * (no broker needed: creating a client does not connect) and asserts {@link #configOf} holds them.
 */
public final class ClientConfigCapture implements MetricsReporter {
    /** SASL/SCRAM and TLS settings a client must carry as given (SASL_PLAINTEXT: no TLS files are opened). */
    public static final Map<String, Object> SECURITY = Map.of(
            "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required"
                            + " username=\"capture\" password=\"capture-secret\";",
            "ssl.endpoint.identification.algorithm", "https",
            "ssl.truststore.type", "PKCS12");

    private static final Map<String, Map<String, Object>> BY_CLIENT_ID = new ConcurrentHashMap<>();

    /** {@code kafkaConfig} plus {@link #SECURITY}, an unreachable broker and this reporter. */
    public static Map<String, Object> securedConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put("bootstrap.servers", "localhost:1");
        config.putAll(SECURITY);
        config.put("metric.reporters", ClientConfigCapture.class.getName());
        return config;
    }

    public static Map<String, Object> securedConfig() {
        return securedConfig(Map.of());
    }

    /** The settings the client with this {@code client.id} was created with; fails when none was. */
    public static Map<String, Object> configOf(String clientId) {
        Map<String, Object> config = BY_CLIENT_ID.get(clientId);
        if (config == null) {
            throw new AssertionError(
                    "no Kafka client with client.id " + clientId + " was created; seen: " + BY_CLIENT_ID.keySet());
        }
        return config;
    }

    /** The {@link #SECURITY} settings missing or changed in {@code config} (empty when all arrived). */
    public static Map<String, Object> securityNotPassedThrough(Map<String, ?> config) {
        Map<String, Object> missing = new HashMap<>();
        SECURITY.forEach((k, v) -> {
            if (!v.equals(config.get(k))) {
                missing.put(k, config.get(k));
            }
        });
        return missing;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        BY_CLIENT_ID.put(String.valueOf(configs.get("client.id")), new HashMap<>(configs));
    }

    @Override
    public void init(List<KafkaMetric> metrics) {}

    @Override
    public void metricChange(KafkaMetric metric) {}

    @Override
    public void metricRemoval(KafkaMetric metric) {}

    @Override
    public void close() {}
}

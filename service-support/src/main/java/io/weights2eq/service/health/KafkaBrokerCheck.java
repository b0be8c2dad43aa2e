package io.weights2eq.service.health;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the broker answers. Quarkus's own Kafka check waits without a time limit (a probe
 * then hangs for a minute when the broker is down); this one answers DOWN within its timeout.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerCheck implements HealthCheck {
    private final Admin admin;
    private final Duration timeout;

    @Inject
    public KafkaBrokerCheck(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "w2e.health.kafka-timeout", defaultValue = "PT2S") Duration timeout,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, service + "-health");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(config);
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                    .size();
            return HealthCheckResponse.named("kafka-broker")
                    .up()
                    .withData("nodes", nodes)
                    .build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka-broker")
                    .down()
                    .withData("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }

    @PreDestroy
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}

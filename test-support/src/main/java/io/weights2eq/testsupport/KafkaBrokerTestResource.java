package io.weights2eq.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.TopicProvisioner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real single-node Kafka broker (KRaft, in this JVM, on free ports, in a fresh
 * temporary log dir, every topic of the catalogue created; no Docker needed):
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(KafkaBrokerTestResource.class)
 * class GeneratorIT { ... KafkaBrokerTestResource.broker().stop(); ... broker().start(); ... }
 * </pre>
 *
 * The application gets {@code kafka.bootstrap.servers} (which SmallRye Reactive Messaging and the Kafka
 * Streams extension default to). Init args ({@code @ResourceArg}): {@code partitions} (default 8),
 * {@code quiet} (default true: the broker's internal categories log at WARNING) and any
 * {@code broker.<property>} as an extra broker property. {@link #broker()} exposes the running broker so that
 * fault tests can stop it and start it again on the same port with the same data.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {
    /** Init arg: partitions of every topic. */
    public static final String PARTITIONS = "partitions";
    /** Init arg: {@code false} keeps the broker's own INFO logging (default: broker internals at WARNING). */
    public static final String QUIET = "quiet";
    /** Init arg prefix: {@code broker.log.retention.ms=...} becomes the broker property {@code log.retention.ms}. */
    public static final String BROKER_PROPERTY_PREFIX = "broker.";

    private static volatile KafkaBroker current;
    /** Loggers whose level we set, held strongly so that the level is not lost with a collected logger. */
    private static final java.util.List<java.util.logging.Logger> QUIETED =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private int partitions = TopicProvisioner.DEFAULT_PARTITIONS;
    private boolean quiet = true;
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private KafkaBroker broker;

    @Override
    public void init(Map<String, String> initArgs) {
        initArgs.forEach((key, value) -> {
            if (key.equals(PARTITIONS)) {
                partitions = Integer.parseInt(value.trim());
            } else if (key.equals(QUIET)) {
                quiet = Boolean.parseBoolean(value.trim());
            } else if (key.startsWith(BROKER_PROPERTY_PREFIX)) {
                brokerProperties.put(key.substring(BROKER_PROPERTY_PREFIX.length()), value);
            } else {
                throw new IllegalArgumentException(
                        "unknown init arg " + key + " of " + getClass().getSimpleName());
            }
        });
    }

    @Override
    public Map<String, String> start() {
        if (quiet) {
            quietBrokerLogging();
        }
        broker = KafkaBroker.builder()
                .partitions(partitions)
                .properties(brokerProperties)
                .build()
                .start();
        current = broker;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        // never try Docker-based Dev Services: there is a real broker
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        KafkaBroker b = broker;
        broker = null;
        if (current == b) {
            current = null;
        }
        if (b != null) {
            b.close();
        }
    }

    /**
     * The broker logs hundreds of INFO lines per start, before the application's logging configuration applies.
     * Sets the broker-side categories to WARNING in the JBoss log context (Quarkus' logging backend); the
     * application's own {@code quarkus.log.category} settings still win once it boots. The Kafka clients'
     * categories ({@code org.apache.kafka.clients}) are left alone.
     */
    static void quietBrokerLogging() {
        if (!QUIETED.isEmpty()) {
            return;
        }
        for (String category : new String[] {
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.queue",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.network",
            "org.apache.kafka.common.metrics",
            "org.apache.kafka.common.utils.AppInfoParser",
            "org.apache.kafka.common.config.AbstractConfig",
            "org.apache.kafka.common.network",
            "org.apache.kafka.server.purgatory"
        }) {
            // the JBoss log context directly (where SLF4J and log4j2 go in a Quarkus JVM); going through
            // java.util.logging could initialise the JDK's LogManager before Quarkus sets up the JBoss one
            java.util.logging.Logger logger =
                    org.jboss.logmanager.LogContext.getLogContext().getLogger(category);
            logger.setLevel(java.util.logging.Level.WARNING);
            QUIETED.add(logger);
        }
    }

    /** The broker of the running test resource; fails when none is running. */
    public static KafkaBroker broker() {
        KafkaBroker b = current;
        if (b == null) {
            throw new IllegalStateException("no KafkaBrokerTestResource is active: annotate the test with "
                    + "@WithTestResource(KafkaBrokerTestResource.class)");
        }
        return b;
    }

    /** {@code host:port} of the running test broker. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }
}

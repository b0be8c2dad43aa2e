package io.weights2eq.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of {@link Topics} explicitly (brokers run with auto-creation off), with a
 * configurable partition count. Idempotent: topics that exist are left as they are.
 */
public final class TopicProvisioner {
    /** Partitions bound the number of trainer workers of one consumer group. */
    public static final int DEFAULT_PARTITIONS = 8;

    private TopicProvisioner() {}

    /** Creates every topic and dead-letter topic that does not exist yet; returns the names it created. */
    public static List<String> ensureTopics(Admin admin, int partitions, short replicationFactor)
            throws InterruptedException {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
        List<NewTopic> missing = new ArrayList<>();
        for (Topics topic : Topics.values()) {
            if (!existing.contains(topic.topicName())) {
                missing.add(
                        new NewTopic(topic.topicName(), partitions, replicationFactor).configs(topic.topicConfig()));
            }
            if (!existing.contains(topic.deadLetterTopicName())) {
                missing.add(new NewTopic(topic.deadLetterTopicName(), partitions, replicationFactor)
                        .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1")));
            }
        }
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        var result = admin.createTopics(missing);
        for (var entry : result.values().entrySet()) {
            try {
                entry.getValue().get(30, TimeUnit.SECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create topic " + entry.getKey() + ": "
                                    + e.getCause().getMessage(),
                            e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + entry.getKey(), e);
            }
        }
        return created;
    }
}

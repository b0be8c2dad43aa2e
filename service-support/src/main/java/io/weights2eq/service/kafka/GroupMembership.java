package io.weights2eq.service.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How the services' consumers join and leave their groups.
 *
 * <p>With a configured instance id ({@code w2e.<service>.instance-id}, stable across restarts, e.g. a StatefulSet
 * pod name) a consumer joins as a <em>static member</em> ({@code group.instance.id}): a process that was killed and
 * comes back takes its partitions back at once, instead of waiting for the broker to expire the dead member
 * ({@code session.timeout.ms}, 45 s) — measured by the system tests' {@code TrainerKillIT} / {@code DecoderKillIT}.
 * Two running processes must then not share an id (the broker fences the older). Without one (the default, a
 * random id) membership stays dynamic. Either way a consumer closed normally leaves the group, so its partitions
 * move to the others at once.
 */
public final class GroupMembership {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private GroupMembership() {}

    /** {@code consumerConfig} plus {@code group.instance.id = <configuredInstanceId>-<role>} when an id is configured. */
    public static Map<String, Object> withStaticMembership(
            Map<String, Object> consumerConfig, Optional<String> configuredInstanceId, String role) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        configuredInstanceId
                .filter(id -> !id.isBlank())
                .ifPresent(id -> config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id + "-" + role));
        return config;
    }

    /** A resource that closes a consumer leaving its group; a second close of the consumer does nothing. */
    public interface Leaving extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Declare it right after the consumer in the same try-with-resources: it is closed first, leaving the group
     * (a plain {@code close()} would not, for a static member).
     */
    public static Leaving leavingOnClose(Consumer<?, ?> consumer) {
        return () -> leaveAndClose(consumer);
    }

    /** Closes {@code consumer} and leaves its group, static member or not. */
    public static void leaveAndClose(Consumer<?, ?> consumer) {
        consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
    }
}

package io.weights2eq.decoder.outbound.kafka;

import io.weights2eq.decoder.engine.dashboard.DashboardSnapshot;
import io.weights2eq.decoder.engine.dashboard.OffsetSample;
import io.weights2eq.decoder.engine.dashboard.StageOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the stages' end offsets and the followed groups' committed offsets with one Admin client, made from the
 * service's own Kafka client settings (so security settings apply). Each call is bounded by {@code timeout}.
 */
public final class KafkaStageOffsets implements StageOffsets {

    /** A consumer group whose lag on a topic the dashboard shows. */
    public record Followed(String group, String topic) {}

    private final Admin admin;
    private final List<String> topics;
    private final List<Followed> followed;
    private final Duration timeout;
    private final LongSupplier clock;

    public KafkaStageOffsets(
            Map<String, Object> kafkaConfig,
            String clientId,
            List<String> topics,
            List<Followed> followed,
            Duration timeout,
            LongSupplier clock) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(config);
        this.topics = List.copyOf(topics);
        this.followed = List.copyOf(followed);
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public OffsetSample read() {
        long now = clock.getAsLong();
        try {
            Set<String> existing = get(admin.listTopics().names());
            List<String> present = new ArrayList<>(topics);
            followed.forEach(f -> present.add(f.topic()));
            present.retainAll(existing);
            Map<String, TopicDescription> described = present.isEmpty()
                    ? Map.of()
                    : get(admin.describeTopics(Set.copyOf(present)).allTopicNames());
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            described
                    .values()
                    .forEach(d -> d.partitions()
                            .forEach(p -> specs.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    specs.isEmpty() ? Map.of() : get(admin.listOffsets(specs).all());
            Map<String, Long> endOffsets = new LinkedHashMap<>();
            for (String topic : topics) {
                if (described.containsKey(topic)) {
                    endOffsets.put(topic, 0L);
                }
            }
            ends.forEach((tp, info) -> endOffsets.computeIfPresent(tp.topic(), (t, sum) -> sum + info.offset()));
            List<DashboardSnapshot.Lag> lags = new ArrayList<>();
            for (Followed f : followed) {
                lags.add(new DashboardSnapshot.Lag(
                        f.group(), f.topic(), described.containsKey(f.topic()) ? lag(f, ends) : null));
            }
            return new OffsetSample(now, endOffsets, lags, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OffsetSample.failed(now, "interrupted");
        } catch (ExecutionException e) {
            return OffsetSample.failed(now, "kafka: " + e.getCause());
        } catch (TimeoutException e) {
            return OffsetSample.failed(now, "kafka: no answer within " + timeout.toMillis() + " ms");
        } catch (RuntimeException e) {
            return OffsetSample.failed(now, "kafka: " + e);
        }
    }

    /** End offsets minus committed offsets; a partition the group never committed counts in full. */
    private long lag(Followed f, Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(f.group()).partitionsToOffsetAndMetadata());
        long lag = 0;
        for (var e : ends.entrySet()) {
            if (e.getKey().topic().equals(f.topic())) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
            }
        }
        return lag;
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}

package io.weights2eq.cli;

import io.weights2eq.schema.KafkaClientSettings;
import io.weights2eq.schema.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code topics}: every topic with partitions, cleanup policy and record count (sum of end − start offsets). */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Every topic with its partitions, cleanup policy and record count (end - start offsets).")
final class TopicsCommand extends CliCommand {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--internal", description = "list Kafka's internal topics too")
    boolean internal;

    @Option(
            names = "--timeout-s",
            defaultValue = "15",
            description = "how long to wait for the broker (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    int run() {
        try (Admin admin = admin(kafka.bootstrap, timeoutSeconds * 1000)) {
            List<String> names =
                    new ArrayList<>(new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(internal))
                            .names()
                            .get(30, TimeUnit.SECONDS)));
            Map<String, TopicDescription> descriptions = names.isEmpty()
                    ? Map.of()
                    : admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .toList();
            Map<String, String> cleanup = new HashMap<>();
            if (!resources.isEmpty()) {
                admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS).forEach((resource, config) -> {
                    var entry = config.get("cleanup.policy");
                    cleanup.put(resource.name(), entry == null ? "?" : entry.value());
                });
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            descriptions
                    .values()
                    .forEach(d -> d.partitions().forEach(p -> {
                        TopicPartition tp = new TopicPartition(d.name(), p.partition());
                        earliest.put(tp, OffsetSpec.earliest());
                        latest.put(tp, OffsetSpec.latest());
                    }));
            Map<TopicPartition, ListOffsetsResultInfo> start = earliest.isEmpty()
                    ? Map.of()
                    : admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> end = latest.isEmpty()
                    ? Map.of()
                    : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);

            int width =
                    Math.max(5, names.stream().mapToInt(String::length).max().orElse(5));
            String format = "%-" + width + "s  %10s  %-14s  %17s%n";
            out.printf(format, "TOPIC", "PARTITIONS", "CLEANUP", "RECORDS (OFFSETS)");
            long total = 0;
            for (String name : names) {
                TopicDescription d = descriptions.get(name);
                long records = 0;
                for (var p : d.partitions()) {
                    TopicPartition tp = new TopicPartition(name, p.partition());
                    ListOffsetsResultInfo s = start.get(tp);
                    ListOffsetsResultInfo e = end.get(tp);
                    if (s != null && e != null) {
                        records += Math.max(0, e.offset() - s.offset());
                    }
                }
                total += records;
                out.printf(format, name, d.partitions().size(), cleanup.getOrDefault(name, "?"), records);
            }
            out.printf(
                    "%d topics, %d records (offsets: end - start per partition; compacted topics and "
                            + "transaction markers make this an upper bound of the live records)%n",
                    names.size(), total);
            List<String> missing = Topics.allNames().stream()
                    .filter(n -> !descriptions.containsKey(n))
                    .toList();
            if (!missing.isEmpty()) {
                out.println("MISSING topics of the catalogue: " + String.join(", ", missing));
                return 1;
            }
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            err.println("error: cannot read topics from " + kafka.bootstrap + ": " + rootMessage(e));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    static Admin admin(String bootstrap, long timeoutMs) {
        Properties p = new Properties();
        p.putAll(KafkaClientSettings.fromEnvironment());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "w2e-cli");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(10_000, timeoutMs)));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeoutMs));
        return Admin.create(p);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}

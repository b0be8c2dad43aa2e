package io.weights2eq.cli;

import io.weights2eq.schema.KafkaClientSettings;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.RecordDecodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code networks-summary}: follows the {@code networks} topic until it holds {@code --expect}
 * distinct equations (or the timeout passes), then prints the trainers' figures: convergence rate,
 * median and p90 validation MSE (absolute and relative to Var(y)), attempts, trainers.
 */
@Command(
        name = "networks-summary",
        mixinStandardHelpOptions = true,
        description =
                "Follow 'networks' until --expect equations are trained (or the timeout passes): convergence rate, median and p90 validation MSE (absolute and relative to Var(y)), attempts, trainers.")
final class NetworksSummaryCommand extends CliCommand {
    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--expect",
            paramLabel = "N",
            description = "distinct equations to wait for (default: what is there now)")
    Long expect;

    @Option(names = "--timeout-s", defaultValue = "600", description = "how long to wait (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    private Duration timeout;

    @Override
    int run() {
        timeout = Duration.ofSeconds(timeoutSeconds);
        Map<String, Object> config = new HashMap<>(KafkaClientSettings.fromEnvironment());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "w2e-cli-networks-summary");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        AvroCodec<Network> codec = AvroCodec.of(Network.class);
        Map<String, Network> latest = new HashMap<>();
        long records = 0;
        long undecodable = 0;
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastReport = 0;
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.NETWORKS.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline && (expect == null || latest.size() < expect)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    try {
                        Network n = codec.decode(r.value());
                        latest.put(n.getEquationId(), n);
                    } catch (RecordDecodingException e) {
                        undecodable++;
                    }
                }
                if (expect != null && System.nanoTime() - lastReport > 2_000_000_000L) {
                    lastReport = System.nanoTime();
                    err.printf(
                            Locale.ROOT,
                            "networks: %d of %d equations trained (%.0f s)%n",
                            latest.size(),
                            expect,
                            (lastReport - start) / 1e9);
                }
                if (expect == null && caughtUp(consumer, partitions)) {
                    break;
                }
            }
        }
        List<Network> all = new ArrayList<>(latest.values());
        long converged = all.stream().filter(Network::getConverged).count();
        double[] relative = all.stream()
                .mapToDouble(Network::getRelativeValidationMse)
                .sorted()
                .toArray();
        double[] absolute =
                all.stream().mapToDouble(Network::getValidationMse).sorted().toArray();
        Map<String, Long> trainers = new TreeMap<>();
        Map<Integer, Long> attempts = new TreeMap<>();
        all.forEach(n -> {
            trainers.merge(n.getTrainerInstance(), 1L, Long::sum);
            attempts.merge(n.getAttempts(), 1L, Long::sum);
        });
        out.printf(
                Locale.ROOT,
                "networks: %d records, %d distinct equations, %d undecodable%n",
                records,
                all.size(),
                undecodable);
        if (!all.isEmpty()) {
            Network any = all.get(0);
            out.printf(
                    Locale.ROOT,
                    "architecture: %s %s, %d parameters, %d steps%n",
                    any.getNetwork().getLayers(),
                    any.getNetwork().getActivation(),
                    any.getNetwork().getParameters().size(),
                    any.getSteps());
            out.printf(
                    Locale.ROOT,
                    "converged: %d/%d (%.1f %%) met the quality target%n",
                    converged,
                    all.size(),
                    100.0 * converged / all.size());
            out.printf(
                    Locale.ROOT,
                    "validation MSE: median %.3g, p90 %.3g; relative to Var(y): median %.3g, p90 %.3g%n",
                    quantile(absolute, 0.5),
                    quantile(absolute, 0.9),
                    quantile(relative, 0.5),
                    quantile(relative, 0.9));
            out.printf(Locale.ROOT, "attempts: %s; trainers: %s%n", attempts, trainers);
        }
        if (undecodable > 0) {
            return 1;
        }
        if (expect != null && all.size() != expect) {
            err.printf(
                    "expected %d distinct equations in '%s', found %d within %s%n",
                    expect, Topics.NETWORKS.topicName(), all.size(), timeout);
            return 1;
        }
        return 0;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1) + 0.5))];
    }
}

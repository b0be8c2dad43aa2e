package io.weights2eq.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.weights2eq.kafkalocal.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The three packaged services against one broker, started in flow order. {@code clientSettings} go to every
 * service (e.g. {@code kafka.security.protocol}); each service's own settings come from {@link #with}.
 * Trainer defaults here are small budgets (tests check delivery, not quality): equations need at least
 * {@link #MIN_SAMPLES} samples.
 */
public final class Pipeline implements AutoCloseable {
    public static final Duration READY = Duration.ofSeconds(120);
    /** Samples per equation the trainer of this pipeline needs (its train + validation split). */
    public static final int MIN_SAMPLES = 500;

    private final KafkaBroker broker;
    private final Map<String, String> clientSettings;
    private final Map<Service, Map<String, String>> serviceSettings = new LinkedHashMap<>();
    private final List<PackagedService> started = new ArrayList<>();
    private final String prefix;

    private Pipeline(String prefix, KafkaBroker broker, Map<String, String> clientSettings) {
        this.prefix = prefix;
        this.broker = broker;
        this.clientSettings = clientSettings;
        serviceSettings.put(
                Service.TRAINER,
                new LinkedHashMap<>(Map.of(
                        "w2e.trainer.steps",
                        "50",
                        "w2e.trainer.minibatch",
                        "100",
                        "w2e.trainer.retries",
                        "0",
                        "w2e.trainer.batch-size",
                        "128",
                        "w2e.trainer.batch-max-wait",
                        "PT0.5S",
                        "w2e.trainer.threads",
                        "1",
                        "w2e.trainer.train-samples",
                        "400",
                        "w2e.trainer.validation-samples",
                        "100")));
        serviceSettings.put(Service.GENERATOR, new LinkedHashMap<>(Map.of("w2e.generator.workers-per-job", "1")));
        serviceSettings.put(Service.DECODER, new LinkedHashMap<>(Map.of("w2e.decoder.training.threads", "1")));
    }

    /** A pipeline whose process names (logs, working directories) start with {@code prefix}. */
    public static Pipeline on(String prefix, KafkaBroker broker, Map<String, String> clientSettings) {
        return new Pipeline(prefix, broker, clientSettings);
    }

    /**
     * Deletes what an earlier run of this prefix left in the services' working directories (decoder checkpoints,
     * Kafka Streams state): a fresh broker must meet fresh state, or old checkpoints and changelog offsets leak in.
     */
    public Pipeline freshWorkDirs() {
        Path services = PackagedService.targetDir().resolve("services");
        if (!Files.isDirectory(services)) {
            return this;
        }
        try (Stream<Path> dirs = Files.list(services)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(prefix + "-"))
                    .toList()) {
                try (Stream<Path> tree = Files.walk(dir)) {
                    for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the working directories of " + prefix, e);
        }
        return this;
    }

    public Pipeline with(Service service, String key, String value) {
        serviceSettings.get(service).put(key, value);
        return this;
    }

    /** Starts {@code service} (as {@code <prefix>-<service>-<n>}) and waits for its readiness. */
    public PackagedService start(Service service) {
        return launch(service).awaitReady(READY);
    }

    /**
     * Starts {@code services} at once (no service waits for another: the broker already holds every topic),
     * then waits for the readiness of each; in the order given.
     */
    public List<PackagedService> startAll(Service... services) {
        List<PackagedService> launched = new ArrayList<>();
        for (Service service : services) {
            launched.add(launch(service));
        }
        launched.forEach(s -> s.awaitReady(READY));
        return launched;
    }

    private PackagedService launch(Service service) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", broker.bootstrapServers());
        props.putAll(clientSettings);
        props.putAll(serviceSettings.get(service));
        String name = prefix + "-" + service.name().toLowerCase() + "-" + (count(service) + 1);
        PackagedService s = PackagedService.start(service, name, props);
        started.add(s);
        return s;
    }

    private long count(Service service) {
        return started.stream()
                .filter(s -> s.name().startsWith(prefix + "-" + service.name().toLowerCase() + "-"))
                .count();
    }

    /** POST /jobs on {@code generator}; returns the job id. */
    public static String submitJob(PackagedService generator, int count, long seed, int samples, double ratePerSecond) {
        HttpResponse<String> r = generator.postJson(
                "/jobs",
                String.format(
                        java.util.Locale.ROOT,
                        "{\"count\": %d, \"seed\": %d, \"samplesPerEquation\": %d, \"ratePerSecond\": %s}",
                        count,
                        seed,
                        samples,
                        ratePerSecond > 0 ? Double.toString(ratePerSecond) : "null"));
        if (r.statusCode() != 202) {
            throw new AssertionError("POST /jobs answered " + r.statusCode() + ": " + r.body());
        }
        return PackagedService.parse(r.body()).get("id").asText();
    }

    public static JsonNode job(PackagedService generator, String id) {
        return generator.getJson("/jobs/" + id);
    }

    public KafkaBroker broker() {
        return broker;
    }

    public Map<String, String> clientSettings() {
        return clientSettings;
    }

    /** Stops every started service, newest first. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop();
        }
    }
}

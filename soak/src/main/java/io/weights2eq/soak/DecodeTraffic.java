package io.weights2eq.soak;

import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.records.NetworkRecords;
import io.weights2eq.schema.KafkaClientSettings;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.serde.AvroCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The HTTP side of the soak: follows {@code networks} as the trainer writes them and posts the newest ones to
 * {@code POST /decode} at a fixed rate, so that serving runs all along beside training. Counts answers by kind.
 */
final class DecodeTraffic implements AutoCloseable {
    private static final int KEPT = 64;

    private final URI decode;
    private final String bootstrap;
    private final double rate;
    private final Deque<String> bodies = new ArrayDeque<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Thread follower;

    DecodeTraffic(String bootstrap, String decoderUrl, double rate) {
        this.bootstrap = bootstrap;
        this.decode = URI.create(decoderUrl + "/decode");
        this.rate = rate;
        this.follower = new Thread(this::follow, "soak-networks-follower");
        follower.setDaemon(true);
    }

    void start() {
        follower.start();
        long periodMicros = (long) (1e6 / rate);
        scheduler.scheduleAtFixedRate(this::sendOne, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    private void follow() {
        AvroCodec<io.weights2eq.schema.avro.Network> codec = AvroCodec.of(io.weights2eq.schema.avro.Network.class);
        // security settings (W2E_KAFKA_CONFIG) first, as for every CLI client
        Map<String, Object> config = new java.util.HashMap<>(KafkaClientSettings.fromEnvironment());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(
                ConsumerConfig.GROUP_ID_CONFIG,
                "w2e-soak-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.NETWORKS.topicName()));
            while (running.get()) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        var n = codec.decode(r.value());
                        Network network = NetworkRecords.toDomain(n.getNetwork());
                        synchronized (bodies) {
                            bodies.addFirst(NetworkFile.format(n.getEquationId(), network));
                            while (bodies.size() > KEPT) {
                                bodies.removeLast();
                            }
                        }
                    } catch (RuntimeException undecodable) {
                        // the soak measures memory; the decoder's own tests cover bad records
                    }
                }
            }
        }
    }

    private void sendOne() {
        String body;
        synchronized (bodies) {
            body = bodies.isEmpty() ? null : bodies.removeFirst();
            if (body != null) {
                bodies.addLast(body);
            }
        }
        if (body == null) {
            return;
        }
        http.sendAsync(
                        HttpRequest.newBuilder(decode)
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> (e == null && r.statusCode() == 200 ? ok : failed).incrementAndGet());
    }

    @Override
    public void close() {
        running.set(false);
        scheduler.shutdownNow();
        try {
            follower.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

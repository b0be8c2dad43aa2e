package io.weights2eq.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.serde.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline against a broker that wants SASL/SCRAM-SHA-512: the services get the credentials only as
 * {@code kafka.*} client settings (the decoder's Kafka Streams app inherits them). A service started without
 * them is refused: never ready, writes nothing.
 */
class SaslPipelineIT {
    static final int EQUATIONS = 200;
    static final Duration FLOW = Duration.ofSeconds(90);

    @Test
    void theWholePipelineRunsOverScramAndAServiceWithoutCredentialsIsRefused() throws Exception {
        long t0 = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.builder()
                        .saslScram("w2e-admin", "w2e-admin-secret")
                        .build()
                        .start();
                Pipeline pipeline = Pipeline.on("sasl", broker, kafkaSettings(broker.clientProperties()))) {
            Map<String, String> client = broker.clientProperties();
            String bootstrap = broker.bootstrapServers();

            // without credentials: PLAINTEXT to the SASL port; started first, so it has the whole run to fail
            try (PackagedService intruder = PackagedService.start(
                    Service.GENERATOR,
                    "sasl-no-credentials",
                    Map.of(
                            "kafka.bootstrap.servers",
                            bootstrap,
                            "w2e.health.kafka-timeout",
                            "PT1S",
                            // fewer refused attempts: each one is a WARN in the broker's log
                            "kafka.reconnect.backoff.ms",
                            "1000"))) {
                PackagedService generator = pipeline.startAll(Service.GENERATOR, Service.TRAINER, Service.DECODER)
                        .get(0);
                System.out.printf(
                        "SASL pipeline ready in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));

                String job = Pipeline.submitJob(generator, EQUATIONS, 7, Pipeline.MIN_SAMPLES, 0);
                long flow0 = System.nanoTime();
                awaitCount("networks", EQUATIONS, () -> distinctKeys(bootstrap, Topics.NETWORKS, client));
                awaitCount("examples", EQUATIONS, () -> distinctKeys(bootstrap, Topics.EXAMPLES, client));
                System.out.printf(
                        "job %s: %d networks and examples in %d ms%n",
                        job, EQUATIONS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flow0));
                assertEquals(EQUATIONS, distinctKeys(bootstrap, Topics.EQUATIONS, client));

                String requestId = "sasl-" + UUID.randomUUID();
                sendDecodeRequest(bootstrap, client, requestId);
                awaitCount("prediction of " + requestId, 1, () -> predictionsOf(bootstrap, client, requestId));

                // the intruder: up (HTTP answers) but never ready, and a job it accepts never reaches the broker
                assertTrue(intruder.isAlive(), "the service without credentials keeps running; see " + intruder.log());
                var ready = intruder.get("/q/health/ready");
                assertNotEquals(200, ready.statusCode(), "a service without credentials must not be ready");
                assertEquals("DOWN", kafkaCheckStatus(ready.body()), "its broker check: " + ready.body());
                int equationsBefore = TopicContents.read(bootstrap, Topics.EQUATIONS.topicName(), client)
                        .size();
                int jobsBefore = TopicContents.read(bootstrap, Topics.GENERATOR_JOBS.topicName(), client)
                        .size();
                // asynchronous: its job-state write may block on the metadata it never gets
                CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(() -> intruder.postJson(
                                "/jobs",
                                "{\"count\": 5, \"seed\": 99, \"samplesPerEquation\": 500, \"ratePerSecond\": null}")
                        .statusCode());
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < until) {
                    assertNotEquals(200, intruder.statusOf("/q/health/ready"), "became ready without credentials");
                    Thread.sleep(500);
                }
                assertEquals(
                        equationsBefore,
                        TopicContents.read(bootstrap, Topics.EQUATIONS.topicName(), client)
                                .size(),
                        "the service without credentials wrote equations (POST /jobs answered " + answer.getNow(null)
                                + ")");
                assertEquals(
                        jobsBefore,
                        TopicContents.read(bootstrap, Topics.GENERATOR_JOBS.topicName(), client)
                                .size(),
                        "the service without credentials wrote job state");
                System.out.printf(
                        "without credentials: readiness %d, POST /jobs answered %s, nothing written%n",
                        ready.statusCode(), answer.getNow(null));
                intruder.kill(); // nothing of it to shut down cleanly
            }
        }
        System.out.printf("SaslPipelineIT took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** The status of the {@code kafka-broker} check in a health answer (null when it is missing). */
    static String kafkaCheckStatus(String healthJson) {
        for (var check : PackagedService.parse(healthJson).path("checks")) {
            if ("kafka-broker".equals(check.path("name").asText())) {
                return check.path("status").asText();
            }
        }
        return null;
    }

    /** {@code security.protocol} etc. as the services read them: {@code kafka.security.protocol}. */
    static Map<String, String> kafkaSettings(Map<String, String> clientProperties) {
        Map<String, String> settings = new LinkedHashMap<>();
        clientProperties.forEach((k, v) -> settings.put("kafka." + k, v));
        assertEquals(3, settings.size(), "protocol, mechanism and JAAS config: " + settings.keySet());
        return settings;
    }

    static int distinctKeys(String bootstrap, Topics topic, Map<String, String> client) {
        return TopicContents.read(bootstrap, topic.topicName(), client).distinctKeys();
    }

    static int predictionsOf(String bootstrap, Map<String, String> client, String requestId) {
        AvroCodec<Prediction> codec = AvroCodec.of(Prediction.class);
        return (int) TopicContents.read(bootstrap, Topics.PREDICTIONS.topicName(), client).records().stream()
                .filter(r -> requestId.equals(r.key()))
                .filter(r ->
                        requestId.equals(codec.decode(r.value()).getRequestId().toString()))
                .count();
    }

    /** A decode request for the network of one trained equation, sent with the admin's credentials. */
    static void sendDecodeRequest(String bootstrap, Map<String, String> client, String requestId) throws Exception {
        byte[] anyNetwork = TopicContents.read(bootstrap, Topics.NETWORKS.topicName(), client)
                .records()
                .get(0)
                .value();
        Network network = AvroCodec.of(Network.class).decode(anyNetwork);
        DecodeRequest request = DecodeRequest.newBuilder()
                .setRequestId(requestId)
                .setNetwork(network.getNetwork())
                .setMethod("analytic")
                .build();
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.DECODE_REQUESTS.topicName(),
                            requestId.getBytes(StandardCharsets.UTF_8),
                            AvroCodec.of(DecodeRequest.class).encode(request)))
                    .get(15, TimeUnit.SECONDS);
        }
    }

    static void awaitCount(String what, int expected, IntSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + FLOW.toNanos();
        int n = count.getAsInt();
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            n = count.getAsInt();
        }
        assertEquals(expected, n, what + " within " + FLOW);
    }
}

package io.weights2eq.cli;

import static io.weights2eq.cli.CliTestRecords.cli;
import static io.weights2eq.cli.CliTestRecords.equation;
import static io.weights2eq.cli.CliTestRecords.network;
import static io.weights2eq.cli.CliTestRecords.parameters;
import static io.weights2eq.cli.CliTestRecords.producer;
import static io.weights2eq.cli.CliTestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.cli.CliTestRecords.Result;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.equation.roots.LargestRoot;
import io.weights2eq.domain.equation.roots.RealRoots;
import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.records.EquationRecords;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.serde.AvroCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code decode-validation} against a real broker: equations and networks of which three fall in the 5 % validation
 * slice, and a fake decoder thread that answers {@code decode-requests} on {@code predictions}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DecodeValidationCommandTest {
    static final List<String> TEXTS =
            List.of("2*x*x-0.5", "1*x", "-0.125*x*x-1.5*x+3.25", "5", "1*x*x-4*x", "0.25*x+1");
    static final String WRONG = "3*x-1";
    static final String WRONG_CUBIC = "1*x*x*x-5*x*x";

    static KafkaBroker broker;
    /** Validation id → true text, and the ids outside the slice → true text (both sorted). */
    static final Map<String, String> inside = new TreeMap<>();

    static final Map<String, String> outside = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        ValidationSlice slice = new ValidationSlice(0.05);
        for (int i = 0; inside.size() < 3 || outside.size() < 3; i++) {
            String id = "job-v-" + i;
            Map<String, String> side = slice.contains(id) ? inside : outside;
            if (side.size() < 3) {
                side.put(id, TEXTS.get(inside.size() + outside.size()));
            }
        }
        broker = KafkaBroker.builder().partitions(3).build().start();
        AvroCodec<Equation> equations = AvroCodec.of(Equation.class);
        AvroCodec<Network> networks = AvroCodec.of(Network.class);
        try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
            int seed = 0;
            for (Map<String, String> side : List.of(inside, outside)) {
                for (Map.Entry<String, String> e : side.entrySet()) {
                    producer.send(record(
                                    Topics.EQUATIONS.topicName(),
                                    e.getKey(),
                                    equations.encode(equation(e.getKey(), e.getValue()))))
                            .get();
                    producer.send(record(
                                    Topics.NETWORKS.topicName(),
                                    e.getKey(),
                                    networks.encode(network(e.getKey(), parameters(seed++), true))))
                            .get();
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void printsTheValidationSliceAgainstThePredictions() throws Exception {
        String wrongId = inside.keySet().iterator().next();
        Result r;
        try (FakeDecoder decoder = new FakeDecoder(wrongId)) {
            r = cli("decode-validation", "--bootstrap", broker.bootstrapServers(), "--show", "10", "--timeout-s", "30");
            assertEquals(
                    List.copyOf(inside.keySet()),
                    decoder.requested().stream().sorted().toList(),
                    "only the validation slice is sent to the decoder");
        }
        assertEquals(0, r.rc(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("equation"), r.out());
        for (Map.Entry<String, String> e : inside.entrySet()) {
            List<String> rows =
                    lines.stream().filter(l -> l.startsWith(e.getKey() + " ")).toList();
            assertEquals(1, rows.size(), e.getKey() + " in\n" + r.out());
            List<String> columns = List.of(rows.get(0).trim().split("\\s+"));
            if (e.getKey().equals(wrongId)) {
                assertEquals(List.of(e.getKey(), e.getValue(), WRONG), columns, rows.get(0));
            } else {
                assertEquals(List.of(e.getKey(), e.getValue(), e.getValue(), "exact"), columns, rows.get(0));
            }
        }
        for (String id : outside.keySet()) {
            assertTrue(
                    lines.stream().noneMatch(l -> l.startsWith(id + " ")),
                    id + " is not in the validation slice:\n" + r.out());
        }
        assertEquals(3 + 2, lines.size(), r.out()); // header, 3 rows, summary
        assertTrue(r.out().contains("validation slice: 3 of 3 predicted; exact match 66.7 %"), r.out());
        assertTrue(r.out().contains("(model [test])"), r.out());
        assertTrue(r.err().contains("decode-validation: sent 3 decode requests"), r.err());
    }

    @Test
    @Order(2)
    void showLimitsTheRowsButNotTheMetrics() throws Exception {
        Result r;
        try (FakeDecoder decoder = new FakeDecoder(null)) {
            r = cli("decode-validation", "--bootstrap", broker.bootstrapServers(), "--show", "1", "--timeout-s", "30");
        }
        assertEquals(0, r.rc(), r.toString());
        long rows = r.out().lines().filter(l -> l.startsWith("job-v-")).count();
        assertEquals(1, rows, r.out());
        assertTrue(
                r.out().contains("validation slice: 3 of 3 predicted; exact match 100.0 %, token accuracy 100.0 %"),
                r.out());
    }

    @Test
    @Order(3)
    void failsWhenThePredictionsDoNotArriveInTime() {
        Result r =
                cli("decode-validation", "--bootstrap", broker.bootstrapServers(), "--show", "10", "--timeout-s", "3");
        assertEquals(1, r.rc(), r.toString());
        assertTrue(r.err().contains("decode-validation: 0 of 3 predictions arrived within PT3S"), r.err());
        assertTrue(r.out().contains("validation slice: 0 of 3 predicted"), r.out());
        for (String id : inside.keySet()) {
            assertTrue(
                    r.out().lines().noneMatch(l -> l.startsWith(id + " ")), "no row without a prediction:\n" + r.out());
        }
    }

    @Test
    @Order(4)
    void failsWithoutAnyValidationNetwork() {
        // a slice so thin that none of the six ids is in it
        Result r = cli(
                "decode-validation",
                "--bootstrap",
                broker.bootstrapServers(),
                "--fraction",
                "1e-12",
                "--timeout-s",
                "3");
        assertEquals(1, r.rc(), r.toString());
        assertTrue(r.err().contains("no trained network of the validation slice"), r.err());
    }

    /**
     * Two cubics of family cubic join the slice; the fake decoder answers one with {@link #WRONG_CUBIC}, whose root 5
     * is far from 10.99, and reports each answer's largest root as the service does.
     */
    @Test
    @Order(5)
    void scoresTheLargestRootOfTheCubics() throws Exception {
        ValidationSlice slice = new ValidationSlice(0.05);
        List<String> cubics = List.of("1*x*x*x-10*x*x-10*x-10", "1*x*x*x-2*x");
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < cubics.size(); i++) {
            if (slice.contains("job-c-" + i)) {
                ids.add("job-c-" + i);
            }
        }
        var family = EquationRecords.toAvro(io.weights2eq.domain.equation.EquationFamily.cubic());
        try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
            for (int i = 0; i < ids.size(); i++) {
                inside.put(ids.get(i), cubics.get(i));
                producer.send(record(
                                Topics.EQUATIONS.topicName(),
                                ids.get(i),
                                AvroCodec.of(Equation.class).encode(equation(ids.get(i), cubics.get(i), family))))
                        .get();
                producer.send(record(
                                Topics.NETWORKS.topicName(),
                                ids.get(i),
                                AvroCodec.of(Network.class).encode(network(ids.get(i), parameters(10 + i), true))))
                        .get();
            }
        }
        Result r;
        try (FakeDecoder decoder = new FakeDecoder(ids.get(0), WRONG_CUBIC)) {
            r = cli("decode-validation", "--bootstrap", broker.bootstrapServers(), "--timeout-s", "30");
        }
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.out().contains("validation slice: 5 of 5 predicted; exact match 80.0 %"), r.out());
        assertTrue(
                r.out().contains("validation slice: largest root within 0.1 of the truth's for 1 of 2 cubics (50.0 %)"),
                r.out());
    }

    /**
     * Plays the decoder: reads {@code decode-requests} from their end at construction and answers each with a
     * Prediction of the true text, except {@code wrongId}, answered with {@link #WRONG}.
     */
    static final class FakeDecoder implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<String, byte[]> producer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> requested = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile Throwable failure;

        FakeDecoder(String wrongId) {
            this(wrongId, WRONG);
        }

        FakeDecoder(String wrongId, String wrongText) {
            Map<String, Object> config = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false);
            consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DECODE_REQUESTS.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fixed before the command sends anything
            producer = producer(broker.bootstrapServers());
            thread = new Thread(() -> serve(wrongId, wrongText), "fake-decoder");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(String wrongId, String wrongText) {
            AvroCodec<DecodeRequest> requests = AvroCodec.of(DecodeRequest.class);
            AvroCodec<Prediction> predictions = AvroCodec.of(Prediction.class);
            try {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        DecodeRequest request = requests.decode(r.value());
                        String id = request.getRequestId();
                        requested.add(id);
                        String text = id.equals(wrongId) ? wrongText : inside.getOrDefault(id, outside.get(id));
                        List<Integer> tokens = new ArrayList<>();
                        for (int t : Vocabulary.encode(text)) {
                            tokens.add(t);
                        }
                        tokens.add(Vocabulary.EOS);
                        Prediction p = Prediction.newBuilder()
                                .setRequestId(id)
                                .setCanonicalText(text)
                                .setCoefficients(List.of())
                                .setTokenIds(tokens)
                                .setMethod("learned")
                                .setFit(null)
                                .setModelVersion("test")
                                .setLatencyMillis(1)
                                .setLargestRoot(RealRoots.largest(Polynomial.parse(text))
                                        .map(LargestRoot::value)
                                        .orElse(null))
                                .build();
                        producer.send(record(Topics.PREDICTIONS.topicName(), id, predictions.encode(p)));
                    }
                    producer.flush();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        List<String> requested() {
            return List.copyOf(requested);
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join(10_000);
            consumer.close();
            producer.close();
            if (failure != null) {
                throw new AssertionError("fake decoder failed", failure);
            }
        }
    }
}

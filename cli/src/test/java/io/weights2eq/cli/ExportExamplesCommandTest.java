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
import io.weights2eq.domain.decoding.ExamplesTsv;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.serde.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code export-examples} against a real broker with hand-made Equation and Network records. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExportExamplesCommandTest {
    static final AvroCodec<Equation> EQUATIONS = AvroCodec.of(Equation.class);
    static final AvroCodec<Network> NETWORKS = AvroCodec.of(Network.class);

    /** Equation id → canonical text; eq-d has no network. */
    static final Map<String, String> TEXTS = Map.of(
            "eq-a", "2*x*x-0.5",
            "eq-b", "1*x",
            "eq-c", "-0.125*x*x-1.5*x+3.25",
            "eq-d", "5");
    /** The network each trained equation should be exported with (eq-a's is its second, latest record). */
    static final Map<String, float[]> PARAMS = Map.of(
            "eq-a", parameters(1),
            "eq-b", parameters(2),
            "eq-c", parameters(3));

    static final Map<String, Boolean> CONVERGED = Map.of("eq-a", true, "eq-b", false, "eq-c", true);

    static KafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.builder().partitions(3).build().start();
        try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
            for (Map.Entry<String, String> e : TEXTS.entrySet()) {
                producer.send(record(
                                Topics.EQUATIONS.topicName(),
                                e.getKey(),
                                EQUATIONS.encode(equation(e.getKey(), e.getValue()))))
                        .get();
            }
            // an earlier network of eq-a under the same key: the later one replaces it
            producer.send(record(
                            Topics.NETWORKS.topicName(),
                            "eq-a",
                            NETWORKS.encode(network("eq-a", parameters(99), false))))
                    .get();
            for (String id : List.of("eq-a", "eq-b", "eq-c")) {
                producer.send(record(
                                Topics.NETWORKS.topicName(),
                                id,
                                NETWORKS.encode(network(id, PARAMS.get(id), CONVERGED.get(id)))))
                        .get();
            }
            // a network whose equation never arrived
            producer.send(record(
                            Topics.NETWORKS.topicName(),
                            "eq-orphan",
                            NETWORKS.encode(network("eq-orphan", parameters(4), true))))
                    .get();
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
    void writesOneExamplesLinePerTrainedEquationAndFailsOnAnUndecodableRecord() throws Exception {
        Path tsv = dir.resolve("examples.tsv");
        Result clean = cli("export-examples", "--bootstrap", broker.bootstrapServers(), "--out", tsv.toString());
        assertEquals(0, clean.rc(), clean.toString());
        assertTrue(
                clean.out()
                        .contains("export-examples: 3 examples to " + tsv
                                + " (4 equations, 1 networks without an equation, 0 undecodable records)"),
                clean.out());
        assertExamples(tsv);

        try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
            producer.send(record(Topics.NETWORKS.topicName(), "garbage", "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        Files.delete(tsv);
        Result r = cli("export-examples", "--bootstrap", broker.bootstrapServers(), "--out", tsv.toString());
        assertEquals(1, r.rc(), r.toString());
        assertTrue(
                r.out()
                        .contains("export-examples: 3 examples to " + tsv
                                + " (4 equations, 1 networks without an equation, 1 undecodable records)"),
                r.out());
        assertTrue(r.err().contains("export-examples: read networks"), r.err());
        assertExamples(tsv); // the good records are still all written
    }

    @Test
    @Order(2)
    void writesTheNetworksAloneToAJsonLinesFile() throws Exception {
        Path jsonl = dir.resolve("networks.jsonl");
        Result r = cli("export-examples", "--bootstrap", broker.bootstrapServers(), "--out", jsonl.toString());
        assertEquals(1, r.rc(), r.toString()); // the undecodable network of the first test is still there
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(3, lines.size(), String.join("\n", lines));
        Map<String, NetworkFile.Entry> byId = new HashMap<>();
        for (String line : lines) {
            NetworkFile.Entry e = NetworkFile.parse(line);
            byId.put(e.id(), e);
        }
        assertEquals(PARAMS.keySet(), byId.keySet());
        for (Map.Entry<String, NetworkFile.Entry> e : byId.entrySet()) {
            assertEquals(Activation.TANH, e.getValue().network().activation());
            assertTrue(Arrays.equals(
                    new int[] {1, 3, 1}, e.getValue().network().layout().sizes()));
            assertBitIdentical(PARAMS.get(e.getKey()), e.getValue().network().parameters(), e.getKey());
        }
    }

    @Test
    @Order(3)
    void requiresItsOptions() {
        Result r = cli("export-examples", "--bootstrap", broker.bootstrapServers());
        assertEquals(2, r.rc(), r.toString());
        assertTrue(r.err().contains("error: Missing required option: '--out=FILE.tsv|FILE.jsonl'"), r.err());
        Result typo = cli(
                "export-examples",
                "--bootstrap",
                broker.bootstrapServers(),
                "--out",
                dir.resolve("x.tsv").toString(),
                "--outt",
                "y");
        assertEquals(2, typo.rc(), typo.toString());
        assertTrue(typo.err().contains("error: Unknown options: '--outt', 'y'"), typo.err());
    }

    private static void assertExamples(Path tsv) throws Exception {
        List<String> lines = Files.readAllLines(tsv);
        assertEquals(3, lines.size(), String.join("\n", lines));
        Map<String, TrainingExample> byId =
                lines.stream().map(ExamplesTsv::parse).collect(Collectors.toMap(TrainingExample::equationId, e -> e));
        assertEquals(Set.of("eq-a", "eq-b", "eq-c"), byId.keySet()); // no orphan, no eq-d
        for (TrainingExample e : byId.values()) {
            String id = e.equationId();
            assertEquals(TEXTS.get(id), e.target().toCanonicalText(), id);
            assertEquals(CONVERGED.get(id), e.converged(), id);
            assertEquals(Activation.TANH, e.network().activation(), id);
            assertTrue(Arrays.equals(new int[] {1, 3, 1}, e.network().layout().sizes()), id);
            assertBitIdentical(PARAMS.get(id), e.network().parameters(), id);
        }
    }

    private static void assertBitIdentical(float[] expected, float[] actual, String id) {
        assertEquals(expected.length, actual.length, id);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(
                    Float.floatToRawIntBits(expected[i]),
                    Float.floatToRawIntBits(actual[i]),
                    id + " parameter " + i + ": expected " + expected[i] + ", was " + actual[i]);
        }
    }
}

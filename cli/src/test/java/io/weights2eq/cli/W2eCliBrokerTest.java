package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.EquationFamily;
import io.weights2eq.schema.serde.AvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** {@code topics} and {@code equations-summary} against a real broker with hand-made Equation records. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class W2eCliBrokerTest {
    static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.builder().partitions(4).build().start();
        AvroSerializer<Equation> serializer = new AvroSerializer<>(Equation.class);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // 2*x*x-0.5 twice under the same key (an update), plus 4 more equations: 6 records, 5 keys
            producer.send(record(serializer, equation(0, List.of("-0.5", "0", "2"), "2*x*x-0.5")))
                    .get();
            producer.send(record(serializer, equation(0, List.of("-0.5", "0", "2"), "2*x*x-0.5")))
                    .get();
            producer.send(record(serializer, equation(1, List.of("0", "1"), "x")))
                    .get();
            producer.send(record(serializer, equation(2, List.of("3.25", "-1.5", "-0.125"), "-0.125*x*x-1.5*x+3.25")))
                    .get();
            producer.send(record(serializer, equation(3, List.of("5"), "5"))).get();
            producer.send(record(serializer, equation(4, List.of("0", "-4", "1"), "x*x-4*x")))
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
    void topicsListsEveryTopicWithPartitionsAndOffsets() {
        Result r = cli("topics", "--bootstrap", broker.bootstrapServers());
        assertEquals(0, r.rc, r.toString());
        assertTrue(r.out.contains("RECORDS (OFFSETS)"), r.out);
        for (String name : Topics.allNames()) {
            assertTrue(r.out.lines().anyMatch(l -> l.startsWith(name + " ")), name + " missing in\n" + r.out);
        }
        String equationsLine = r.out.lines()
                .filter(l -> l.startsWith("equations "))
                .findFirst()
                .orElseThrow();
        assertTrue(equationsLine.matches("equations\\s+4\\s+compact\\s+6"), equationsLine);
    }

    @Test
    @Order(2)
    void equationsSummaryCountsDecodesAndChecksTheSamples() {
        Result r =
                cli("equations-summary", "--bootstrap", broker.bootstrapServers(), "--samples", "3", "--expect", "6");
        // 6 records but 5 distinct keys: --expect 6 fails on the keys
        assertEquals(1, r.rc, r.toString());
        assertTrue(r.out.startsWith("equations: 6 records, 5 distinct keys, 0 undecodable"), r.out);
        assertTrue(r.out.contains("check: 6/6 equations match their polynomial at every sample"), r.out);
        assertTrue(r.out.contains("sample 1: id=job-1-0  2*x*x-0.5"), r.out);
        assertTrue(r.out.contains("sample 2: id=job-1-1  x"), r.out); // samples are distinct (job, index)
        assertTrue(r.out.contains("sample 3: id=job-1-2  -0.125*x*x-1.5*x+3.25"), r.out);
        assertTrue(
                r.out.contains("FAILED: expected 6 records with distinct keys, found 6 records, 5 distinct keys"),
                r.out);
        assertTrue(r.out.contains("y = p(x) at 4/4 samples"), r.out);

        Result ok = cli("equations-summary", "--bootstrap", broker.bootstrapServers(), "--samples", "0");
        assertEquals(0, ok.rc, ok.toString());
        assertTrue(ok.out.contains("6/6 canonical texts agree"), ok.out);
    }

    @Test
    @Order(3)
    void undecodableAndWrongRecordsFailTheSummary() throws Exception {
        AvroSerializer<Equation> serializer = new AvroSerializer<>(Equation.class);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(
                            Topics.EQUATIONS.topicName(), "garbage", "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
            Equation wrong = equation(9, List.of("1"), "1");
            wrong.setY(List.of(7f, 7f, 7f, 7f)); // y does not match p(x) = 1
            producer.send(record(serializer, wrong)).get();
        }
        Result r = cli("equations-summary", "--bootstrap", broker.bootstrapServers());
        assertEquals(1, r.rc, r.toString());
        assertTrue(r.out.startsWith("equations: 8 records, 7 distinct keys, 1 undecodable"), r.out);
        assertTrue(r.out.contains("FAILED: 1 undecodable records; 1 equations whose samples do not match"), r.out);
    }

    @Test
    @Order(4)
    void anUnreachableBrokerIsReported() {
        Result r = cli("topics", "--bootstrap", "localhost:1", "--timeout-s", "2");
        assertEquals(2, r.rc, r.toString());
        assertTrue(r.err.contains("cannot read topics"), r.err);
    }

    static Equation equation(int index, List<String> coefficients, String text) {
        double[] c = coefficients.stream().mapToDouble(Double::parseDouble).toArray();
        List<Float> xs = List.of(-1f, -0.3f, 0.25f, 0.9f);
        List<Float> ys = new ArrayList<>();
        for (float x : xs) {
            ys.add((float) EquationsSummaryCommand.evaluate(c, x));
        }
        return Equation.newBuilder()
                .setId("job-1-" + index)
                .setJobId("job-1")
                .setIndex(index)
                .setFamily(EquationFamily.newBuilder()
                        .setMode("uniform-length")
                        .setDegree(2)
                        .setCoefficientMin("-5")
                        .setCoefficientMax("5")
                        .setWholeWeight(1)
                        .setDecimalWeight(1)
                        .setDecimalDigits(1)
                        .setFractionWeight(1)
                        .setFractionDigits(3)
                        .setAbsentProbability(0.25)
                        .build())
                .setCoefficients(coefficients)
                .setCanonicalText(text)
                .setTokenIds(List.of())
                .setX(xs)
                .setY(ys)
                .setSeed(42)
                .build();
    }

    static ProducerRecord<String, byte[]> record(AvroSerializer<Equation> serializer, Equation e) {
        return new ProducerRecord<>(
                Topics.EQUATIONS.topicName(), e.getId(), serializer.serialize(Topics.EQUATIONS.topicName(), e));
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    record Result(int rc, String out, String err) {}

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = W2eCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

package io.weights2eq.decoder.inbound.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.decoder.Fixtures;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.dlq.DeadLetterHeaders;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.AvroDeserializer;
import io.weights2eq.schema.serde.FloatArrayList;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTopologyTest {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final AvroCodec<Equation> EQUATIONS = AvroCodec.of(Equation.class);
    private static final AvroCodec<Network> NETWORKS = AvroCodec.of(Network.class);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> equations;
    private TestInputTopic<String, byte[]> networks;
    private TestOutputTopic<String, Example> examples;
    private TestOutputTopic<String, byte[]> networksDlq;
    private TestOutputTopic<String, byte[]> equationsDlq;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "decoder-examples-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(
                ExamplesTopology.build(WAIT, "decoder-test"), props, Instant.ofEpochMilli(1_000_000));
        equations = driver.createInputTopic(
                Topics.EQUATIONS.topicName(), new StringSerializer(), new ByteArraySerializer());
        networks =
                driver.createInputTopic(Topics.NETWORKS.topicName(), new StringSerializer(), new ByteArraySerializer());
        examples = driver.createOutputTopic(
                Topics.EXAMPLES.topicName(), new StringDeserializer(), new AvroDeserializer<>(Example.class));
        networksDlq = driver.createOutputTopic(
                Topics.NETWORKS.deadLetterTopicName(), new StringDeserializer(), new ByteArrayDeserializer());
        equationsDlq = driver.createOutputTopic(
                Topics.EQUATIONS.deadLetterTopicName(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void pipe(Equation equation) {
        equations.pipeInput(equation.getId(), EQUATIONS.encode(equation));
    }

    private void pipe(Network network) {
        networks.pipeInput(network.getEquationId(), NETWORKS.encode(network));
    }

    @Test
    void joinsANetworkWithItsEquationIntoAnExample() {
        Equation equation = Fixtures.equation("job", 3, 5000);
        Network network = Fixtures.network("job-3", 7, true);
        pipe(equation);
        pipe(network);

        KeyValue<String, Example> out = examples.readKeyValue();
        assertTrue(examples.isEmpty());
        assertEquals("job-3", out.key);
        Example example = out.value;
        assertEquals("job-3", example.getEquationId());
        assertEquals(network.getNetwork(), example.getNetwork());
        assertEquals(network.getRelativeValidationMse(), example.getRelativeValidationMse());
        assertTrue(example.getConverged());
        assertEquals(equation.getFamily(), example.getFamily());
        assertEquals(equation.getCoefficients(), example.getCoefficients());
        assertEquals(equation.getCanonicalText(), example.getCanonicalText());
        assertTrue(networksDlq.isEmpty() && equationsDlq.isEmpty());
    }

    @Test
    void tokenIdsAreTheCanonicalTextsTokensThenEos() {
        Equation equation = Fixtures.equation("job", 11, 100);
        equation.setCanonicalText("-2.5*x*x+3*x-0.75");
        equation.setCoefficients(List.of("-0.75", "3", "-2.5"));
        pipe(equation);
        pipe(Fixtures.network("job-11", 1, true));

        Example example = examples.readValue();
        int[] expected = Arrays.copyOf(Vocabulary.encode("-2.5*x*x+3*x-0.75"), 18);
        expected[17] = Vocabulary.EOS;
        assertArrayEquals(
                expected,
                example.getTokenIds().stream().mapToInt(Integer::intValue).toArray());
        assertEquals(16, example.getTokenIds().get(0)); // '-'
        assertEquals("-2.5*x*x+3*x-0.75", Vocabulary.decode(expected));
        assertEquals(Polynomial.parse("-2.5*x*x+3*x-0.75"), Polynomial.parse(example.getCanonicalText()));
    }

    @Test
    void anElementaryExpressionJoinsIntoAnExampleWithItsV2TokensThenEos() {
        var family = io.weights2eq.domain.equation.EquationFamily.elementary();
        var samples =
                io.weights2eq.domain.equation.SampleSpec.of(100, io.weights2eq.domain.network.InputDomain.unit(1));
        var generated = new io.weights2eq.domain.equation.EquationGenerator(family, samples).generate(5, 0);
        Equation equation =
                io.weights2eq.records.EquationRecords.toAvro("el-0", "el", 0, 5, family, samples, generated);
        pipe(equation);
        pipe(Fixtures.network("el-0", 3, true));

        Example example = examples.readValue();
        assertTrue(networksDlq.isEmpty() && equationsDlq.isEmpty(), "an expression is no poison");
        int[] body = io.weights2eq.domain.expression.ExpressionVocabulary.encode(generated.canonicalText());
        int[] expected = Arrays.copyOf(body, body.length + 1);
        expected[body.length] = Vocabulary.EOS;
        assertArrayEquals(
                expected,
                example.getTokenIds().stream().mapToInt(Integer::intValue).toArray());
        assertEquals(generated.canonicalText(), example.getCanonicalText());
        assertTrue(example.getCoefficients().isEmpty());
        // no learned model reads expressions yet: continuous training passes over them
        assertFalse(io.weights2eq.records.ExampleRecords.learnable(example));
    }

    @Test
    void theTableHoldsTheEquationWithoutItsSamples() {
        Equation equation = Fixtures.equation("job", 5, 5000);
        assertEquals(5000, equation.getX().size());
        pipe(equation);

        KeyValueStore<String, ValueAndTimestamp<Equation>> store =
                driver.getTimestampedKeyValueStore(ExamplesTopology.EQUATIONS_STORE);
        Equation stored = store.get("job-5").value();
        assertEquals(0, stored.getX().size(), "no x samples in the store");
        assertEquals(0, stored.getY().size(), "no y samples in the store");
        assertEquals(equation.getCanonicalText(), stored.getCanonicalText());
        assertTrue(EQUATIONS.encode(stored).length < 300, "a slim record is a few hundred bytes at most");
    }

    @Test
    void aNetworkThatArrivesBeforeItsEquationIsJoinedWhenTheEquationArrives() {
        Network network = Fixtures.network("job-8", 2, false);
        pipe(network);
        assertTrue(examples.isEmpty(), "no example while the equation is unknown");
        KeyValueStore<String, PendingNetwork> parked = driver.getKeyValueStore(ExamplesTopology.PENDING_STORE);
        assertNotNull(parked.get("job-8"));

        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertTrue(networksDlq.isEmpty(), "still within the wait");

        Equation equation = Fixtures.equation("job", 8, 200);
        pipe(equation);
        Example example = examples.readValue();
        assertEquals("job-8", example.getEquationId());
        assertEquals(equation.getCanonicalText(), example.getCanonicalText());
        assertFalse(example.getConverged());
        assertEquals(network.getNetwork(), example.getNetwork());
        assertEquals(null, parked.get("job-8"), "released from the pending store");

        driver.advanceWallClockTime(WAIT.multipliedBy(2));
        assertTrue(networksDlq.isEmpty(), "a released network never reaches the dead-letter topic");
        assertTrue(examples.isEmpty());
    }

    @Test
    void aNetworkWhoseEquationNeverArrivesGoesToTheDeadLetterTopicWithTheReason() {
        Network network = Fixtures.network("nowhere-1", 4, true);
        byte[] original = NETWORKS.encode(network);
        networks.pipeInput("nowhere-1", original);
        driver.advanceWallClockTime(WAIT.minusSeconds(30));
        assertTrue(networksDlq.isEmpty());
        driver.advanceWallClockTime(Duration.ofSeconds(60));

        TestRecord<String, byte[]> dead = networksDlq.readRecord();
        assertEquals("nowhere-1", dead.key());
        assertArrayEquals(original, dead.value(), "the original bytes");
        assertTrue(
                header(dead, DeadLetterHeaders.REASON).contains("unknown equation 'nowhere-1'"),
                header(dead, DeadLetterHeaders.REASON));
        assertEquals("networks", header(dead, DeadLetterHeaders.SOURCE_TOPIC));
        assertEquals("0", header(dead, DeadLetterHeaders.SOURCE_OFFSET));
        assertEquals("decoder-test", header(dead, DeadLetterHeaders.REJECTED_BY));
        assertTrue(examples.isEmpty());

        pipe(Fixtures.equation("nowhere", 1, 100));
        assertTrue(examples.isEmpty(), "a dead-lettered network is not joined later");
    }

    @Test
    void aRetrainedNetworkReplacesItsExample() {
        pipe(Fixtures.equation("job", 2, 100));
        pipe(Fixtures.network("job-2", 1, false));
        pipe(Fixtures.network("job-2", 2, true));
        List<KeyValue<String, Example>> out = examples.readKeyValuesToList();
        assertEquals(2, out.size());
        assertTrue(out.get(1).value.getConverged());
    }

    @Test
    void poisonRecordsGoToTheirDeadLetterTopicsByteForByteAndTheRestFlows() {
        equations.pipeInput("junk-1", "not avro".getBytes(StandardCharsets.UTF_8));
        Equation wrongKey = Fixtures.equation("job", 20, 100);
        equations.pipeInput("other-key", EQUATIONS.encode(wrongKey));
        Equation notCanonical = Fixtures.equation("job", 21, 100);
        notCanonical.setCanonicalText("x*2");
        pipe(notCanonical);

        pipe(Fixtures.equation("job", 22, 100));
        networks.pipeInput("job-22", "garbage".getBytes(StandardCharsets.UTF_8));
        networks.pipeInput("job-99", NETWORKS.encode(Fixtures.network("job-22", 1, true)));
        Network nan = Fixtures.network("job-22", 1, true);
        float[] p =
                FloatArrayList.toFloatArray(nan.getNetwork().getParameters()).clone();
        p[5] = Float.NaN;
        nan.getNetwork().setParameters(FloatArrayList.wrap(p));
        pipe(nan);
        Network badActivation = Fixtures.network("job-22", 1, true);
        badActivation.getNetwork().setActivation("gelu");
        pipe(badActivation);
        Network tooFew = Fixtures.network("job-22", 1, true);
        tooFew.getNetwork().setParameters(FloatArrayList.wrap(new float[151]));
        pipe(tooFew);
        pipe(Fixtures.network("job-22", 9, true));

        List<TestRecord<String, byte[]>> deadEquations = equationsDlq.readRecordsToList();
        assertEquals(3, deadEquations.size());
        assertEquals("not avro", new String(deadEquations.get(0).value(), StandardCharsets.UTF_8));
        assertTrue(header(deadEquations.get(0), DeadLetterHeaders.REASON)
                .startsWith("value: not an Avro single-object message"));
        assertTrue(header(deadEquations.get(1), DeadLetterHeaders.REASON)
                .startsWith("key: must equal the equation id 'job-20'"));
        assertTrue(header(deadEquations.get(2), DeadLetterHeaders.REASON)
                .startsWith("canonicalText: 'x*2' is not canonical"));

        List<TestRecord<String, byte[]>> deadNetworks = networksDlq.readRecordsToList();
        assertEquals(5, deadNetworks.size());
        assertTrue(header(deadNetworks.get(0), DeadLetterHeaders.REASON).startsWith("value: not an Avro"));
        assertTrue(header(deadNetworks.get(1), DeadLetterHeaders.REASON)
                .startsWith("key: must equal the network's equation id"));
        assertTrue(
                header(deadNetworks.get(2), DeadLetterHeaders.REASON)
                        .startsWith("network.parameters[5]: must be finite"),
                header(deadNetworks.get(2), DeadLetterHeaders.REASON));
        assertTrue(
                header(deadNetworks.get(3), DeadLetterHeaders.REASON).startsWith("network.activation must be one of"),
                header(deadNetworks.get(3), DeadLetterHeaders.REASON));
        assertTrue(
                header(deadNetworks.get(4), DeadLetterHeaders.REASON)
                        .startsWith("network.parameters: [1, 8, 7, 8, 1] needs 152"),
                header(deadNetworks.get(4), DeadLetterHeaders.REASON));
        assertEquals("2", header(deadNetworks.get(2), DeadLetterHeaders.SOURCE_OFFSET));

        List<KeyValue<String, Example>> out = examples.readKeyValuesToList();
        assertEquals(1, out.size(), "the good network around the poison is joined");
        assertEquals("job-22", out.get(0).key);
    }

    @Test
    void recordsAboveTheDeclaredLimitsOrWithBadSamplesGoToTheDeadLetterTopicsNamingTheField() {
        driver.close();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "decoder-examples-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("limits").toString());
        driver = new TopologyTestDriver(
                ExamplesTopology.build(WAIT, "decoder-test", new io.weights2eq.decoder.inbound.RecordLimits(100, 200)),
                props,
                Instant.ofEpochMilli(1_000_000));
        equations = driver.createInputTopic(
                Topics.EQUATIONS.topicName(), new StringSerializer(), new ByteArraySerializer());
        networks =
                driver.createInputTopic(Topics.NETWORKS.topicName(), new StringSerializer(), new ByteArraySerializer());
        TestOutputTopic<String, byte[]> deadEquations = driver.createOutputTopic(
                Topics.EQUATIONS.deadLetterTopicName(), new StringDeserializer(), new ByteArrayDeserializer());
        TestOutputTopic<String, byte[]> deadNetworks = driver.createOutputTopic(
                Topics.NETWORKS.deadLetterTopicName(), new StringDeserializer(), new ByteArrayDeserializer());

        pipe(Fixtures.equation("lim", 1, 101));
        Equation shortY = Fixtures.equation("lim", 2, 100);
        shortY.setY(FloatArrayList.wrap(new float[99]));
        pipe(shortY);
        Equation nan = Fixtures.equation("lim", 3, 100);
        float[] y = FloatArrayList.toFloatArray(nan.getY()).clone();
        y[4] = Float.NaN;
        nan.setY(FloatArrayList.wrap(y));
        pipe(nan);
        pipe(Fixtures.equation("lim", 4, 100));
        Network big = Fixtures.network("lim-4", 1, true);
        big.getNetwork().setLayers(List.of(1, 16, 16, 1));
        big.getNetwork().setParameters(FloatArrayList.wrap(new float[321]));
        pipe(big);
        Network bigLayout = Fixtures.network("lim-4", 1, true);
        bigLayout.getNetwork().setLayers(List.of(1, 16, 16, 1));
        pipe(bigLayout);

        List<String> equationReasons = deadEquations.readRecordsToList().stream()
                .map(r -> header(r, DeadLetterHeaders.REASON))
                .toList();
        assertEquals(3, equationReasons.size(), equationReasons.toString());
        assertTrue(
                equationReasons.get(0).startsWith("x: at most 100 samples (w2e.decoder.limits.max-samples), was 101"),
                equationReasons.get(0));
        assertTrue(
                equationReasons.get(1).startsWith("y: must have as many samples as x (100), was 99"),
                equationReasons.get(1));
        assertTrue(equationReasons.get(2).startsWith("y: sample 4 is not finite"), equationReasons.get(2));
        List<String> networkReasons = deadNetworks.readRecordsToList().stream()
                .map(r -> header(r, DeadLetterHeaders.REASON))
                .toList();
        assertEquals(2, networkReasons.size(), networkReasons.toString());
        assertTrue(
                networkReasons
                        .get(0)
                        .startsWith(
                                "network.parameters: at most 200 parameters (w2e.decoder.limits.max-parameters), was 321"),
                networkReasons.get(0));
        assertTrue(
                networkReasons
                        .get(1)
                        .startsWith("network.layers: [1, 16, 16, 1] needs 321 parameters, above the limit of 200"),
                networkReasons.get(1));
    }

    private static String header(TestRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
